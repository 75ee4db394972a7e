"use client";

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
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useUpdateUser } from "../hooks/use-admin-mutations";
import { MIN_PASSWORD_LENGTH } from "../schemas";

/** Sets a new MLflow password for a user who signs in with one (not GitHub users: MLTrack keeps theirs). */
export function ResetPasswordDialog({ username, onClose }: { username: string | null; onClose: () => void }) {
  return (
    <Dialog open={username !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        {username !== null ? <ResetPasswordForm key={username} username={username} onDone={onClose} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function ResetPasswordForm({ username, onDone }: { username: string; onDone: () => void }) {
  const update = useUpdateUser();
  const [password, setPassword] = useState("");

  function submit(event: React.FormEvent) {
    event.preventDefault();
    update.mutate({ username, password }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={submit} className="grid gap-4" data-testid="admin-reset-password-form">
      <DialogHeader>
        <DialogTitle className="break-words">Reset the password of {username}</DialogTitle>
        <DialogDescription>
          Their MLflow password changes: they sign in again with the new one, and tell MLflow clients that use the old
          one.
        </DialogDescription>
      </DialogHeader>
      <div className="grid gap-2">
        <Label htmlFor="reset-password">New password</Label>
        <Input
          id="reset-password"
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          minLength={MIN_PASSWORD_LENGTH}
          autoFocus
          autoComplete="new-password"
          data-testid="admin-reset-password-input"
        />
        <p className="text-xs text-muted-foreground">At least {MIN_PASSWORD_LENGTH} characters.</p>
      </div>
      {update.error ? <ErrorState title="Could not reset the password" error={update.error} /> : null}
      <DialogFooter>
        <Button
          type="submit"
          disabled={update.isPending || password.length < MIN_PASSWORD_LENGTH}
          data-testid="admin-reset-password-submit"
        >
          {update.isPending ? "Saving…" : "Set password"}
        </Button>
      </DialogFooter>
    </form>
  );
}
