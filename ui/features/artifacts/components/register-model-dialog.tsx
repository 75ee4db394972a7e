"use client";

import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";
import { registeredModelQueries } from "../queries";

interface RegisterModelDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** What the new version will point at, shown to the user. */
  source: string;
  defaultName: string;
  pending: boolean;
  error: Error | null;
  onRegister: (name: string) => void;
}

/** Pick a registered model (searched by name) or type a new name; the server creates it when missing. */
export function RegisterModelDialog(props: RegisterModelDialogProps) {
  return (
    <Dialog open={props.open} onOpenChange={(open) => (props.pending ? undefined : props.onOpenChange(open))}>
      <DialogContent data-testid="register-model-dialog">
        {/* Mounted only while open: the name starts afresh each time. */}
        <RegisterModelForm {...props} />
      </DialogContent>
    </Dialog>
  );
}

function RegisterModelForm({ source, defaultName, pending, error, onRegister }: RegisterModelDialogProps) {
  const [name, setName] = useState(defaultName);
  const search = useDeferredValue(name.trim());
  const names = useQuery(registeredModelQueries.names(search));
  const trimmed = name.trim();
  const existing = names.data?.names.includes(trimmed) ?? false;

  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed && !pending) onRegister(trimmed);
      }}
    >
      <DialogHeader>
        <DialogTitle>Register model</DialogTitle>
        <DialogDescription className="break-all">
          A new version of a registered model, from <code className="font-mono">{source}</code>.
        </DialogDescription>
      </DialogHeader>
      <div className="grid gap-2">
        <Label htmlFor="register-model-name">Registered model</Label>
        <Input
          id="register-model-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="Search or type a new name"
          autoComplete="off"
          autoFocus
          data-testid="register-model-name"
        />
        <ul className="max-h-48 overflow-y-auto rounded-md border" aria-label="Existing registered models">
          {names.isPending ? (
            <li className="px-3 py-2 text-sm text-muted-foreground">Searching registered models…</li>
          ) : names.isError ? (
            <li className="px-3 py-2 text-sm text-destructive">{names.error.message}</li>
          ) : names.data.names.length === 0 ? (
            <li className="px-3 py-2 text-sm text-muted-foreground">
              {search ? "No registered model matches." : "No registered models yet."}
            </li>
          ) : (
            names.data.names.map((option) => (
              <li key={option}>
                <button
                  type="button"
                  className={cn(
                    "w-full truncate px-3 py-1.5 text-left text-sm hover:bg-accent",
                    option === trimmed && "bg-accent font-medium",
                  )}
                  onClick={() => setName(option)}
                  data-testid="registered-model-option"
                >
                  {option}
                </button>
              </li>
            ))
          )}
        </ul>
        <p className="text-xs text-muted-foreground" data-testid="register-model-target">
          {!trimmed
            ? "Pick a registered model or type a new name."
            : existing
              ? `Adds a new version to “${trimmed}”.`
              : `Creates the registered model “${trimmed}” (or adds a version if it already exists).`}
        </p>
      </div>
      {error ? (
        <p className="text-sm break-words text-destructive" role="alert" data-testid="register-model-error">
          {error.message}
        </p>
      ) : null}
      <DialogFooter>
        <Button type="submit" disabled={!trimmed || pending} data-testid="register-model-submit">
          {pending ? "Registering…" : "Register"}
        </Button>
      </DialogFooter>
    </form>
  );
}
