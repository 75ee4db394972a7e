"use client";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";

/** The confirmation before deleting a user: it cannot be undone. */
export function DeleteUserDialog({
  username,
  onConfirm,
  onClose,
}: {
  username: string | null;
  onConfirm: (username: string) => void;
  onClose: () => void;
}) {
  return (
    <AlertDialog open={username !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <AlertDialogContent data-testid="admin-delete-user-dialog">
        <AlertDialogHeader>
          <AlertDialogTitle className="break-words">Delete {username}?</AlertDialogTitle>
          <AlertDialogDescription>
            Their MLflow account, their grants, their MLTrack role and their API tokens are removed; they can no longer
            sign in. This cannot be undone. What they logged stays.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction
            variant="destructive"
            onClick={() => username !== null && onConfirm(username)}
            data-testid="admin-delete-user-confirm"
          >
            Delete
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
