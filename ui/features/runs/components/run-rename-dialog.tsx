"use client";

import { Pencil } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useRenameRun } from "../hooks/use-run-mutations";
import { RunName, fieldError } from "../run-detail-schemas";
import type { RunDetail } from "../schemas";

function RenameForm({ run, onDone }: { run: RunDetail; onDone: () => void }) {
  const rename = useRenameRun(run.runId);
  const [name, setName] = useState(run.runName);
  const [touched, setTouched] = useState(false);
  const error = touched ? fieldError(RunName, name) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (fieldError(RunName, name) !== null) return;
    if (name.trim() !== run.runName) rename.mutate({ runName: name });
    onDone();
  };
  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <div className="grid gap-2">
        <Label htmlFor="run-name-input">Run name</Label>
        <Input
          id="run-name-input"
          value={name}
          autoFocus
          onChange={(event) => {
            setName(event.target.value);
            setTouched(true);
          }}
          aria-invalid={error !== null}
          aria-describedby={error ? "run-name-error" : undefined}
        />
        {error ? (
          <p id="run-name-error" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
      </div>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={error !== null}>
          Save
        </Button>
      </DialogFooter>
    </form>
  );
}

/** Renames the run (MLflow's `runs/update`, which also sets `mlflow.runName`). */
export function RunRenameDialog({ run, disabled }: { run: RunDetail; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" disabled={disabled}>
          <Pencil /> Rename
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rename run</DialogTitle>
          <DialogDescription>The new name is saved in MLflow, where every client sees it.</DialogDescription>
        </DialogHeader>
        {/* Mounted per opening, so the field starts from the current name. */}
        {open ? <RenameForm run={run} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}
