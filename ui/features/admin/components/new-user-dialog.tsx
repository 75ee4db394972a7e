"use client";

import { UserPlus } from "lucide-react";
import { useState } from "react";
import { ErrorState } from "@/components/error-state";
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
import type { Role } from "@/features/auth";
import { useCreateUser } from "../hooks/use-admin-mutations";
import { MIN_PASSWORD_LENGTH } from "../schemas";
import { RoleSelect } from "./role-select";

/** "New user": an MLflow account with a password, and its MLTrack role. */
export function NewUserDialog({ defaultRole }: { defaultRole: Role }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" data-testid="admin-new-user">
          <UserPlus /> New user
        </Button>
      </DialogTrigger>
      <DialogContent>
        {/* Mounted only while open, so each opening starts empty. */}
        <NewUserForm defaultRole={defaultRole} onCreated={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function NewUserForm({ defaultRole, onCreated }: { defaultRole: Role; onCreated: () => void }) {
  const create = useCreateUser();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>(defaultRole);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    create.mutate({ username, password, role }, { onSuccess: onCreated });
  }

  return (
    <form onSubmit={submit} className="grid gap-4" data-testid="admin-new-user-form">
      <DialogHeader>
        <DialogTitle>New user</DialogTitle>
        <DialogDescription>
          An MLflow account: they sign in to MLTrack, and use MLflow&apos;s clients, with this username and password.
        </DialogDescription>
      </DialogHeader>
      <div className="grid gap-2">
        <Label htmlFor="new-user-name">Username</Label>
        <Input
          id="new-user-name"
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          required
          maxLength={256}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          data-testid="admin-new-user-name"
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="new-user-password">Password</Label>
        <Input
          id="new-user-password"
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          minLength={MIN_PASSWORD_LENGTH}
          autoComplete="new-password"
          data-testid="admin-new-user-password"
        />
        <p className="text-xs text-muted-foreground">At least {MIN_PASSWORD_LENGTH} characters (MLflow&apos;s rule).</p>
      </div>
      <div className="grid gap-2">
        <Label htmlFor="new-user-role">Role</Label>
        <RoleSelect id="new-user-role" value={role} onChange={setRole} testId="admin-new-user-role" label="Role" />
      </div>
      {create.error ? <ErrorState title="Could not create the user" error={create.error} /> : null}
      <DialogFooter>
        <Button
          type="submit"
          disabled={create.isPending || !username || password.length < MIN_PASSWORD_LENGTH}
          data-testid="admin-new-user-submit"
        >
          {create.isPending ? "Creating…" : "Create"}
        </Button>
      </DialogFooter>
    </form>
  );
}
