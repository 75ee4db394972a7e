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

/** The confirmation before a soft delete: it says what happens and that it can be undone. */
export function DeleteExperimentDialog({
  experiment,
  onConfirm,
  onClose,
}: {
  experiment: { experimentId: string; name: string } | null;
  onConfirm: (experimentId: string) => void;
  onClose: () => void;
}) {
  return (
    <AlertDialog open={experiment !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <AlertDialogContent data-testid="delete-experiment-dialog">
        <AlertDialogHeader>
          <AlertDialogTitle className="break-words">Delete “{experiment?.name}”?</AlertDialogTitle>
          <AlertDialogDescription>
            The experiment and its runs move to Deleted. Nothing is erased: you can restore it from the Deleted view
            (until an administrator runs <code>mlflow gc</code>, which removes deleted experiments for good).
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={() => experiment && onConfirm(experiment.experimentId)}>
            Delete
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
