"use client";

import { Trash2 } from "lucide-react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { useDeleteRun } from "../hooks/use-run-mutations";
import type { RunDetail } from "../schemas";

/** MLflow's soft delete, after a confirmation that says it can be undone. */
export function RunDeleteDialog({ run }: { run: RunDetail }) {
  const remove = useDeleteRun(run.runId);
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm" className="text-destructive hover:text-destructive">
          <Trash2 /> Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete this run?</AlertDialogTitle>
          <AlertDialogDescription>
            <span className="font-medium break-all text-foreground">{run.runName || run.runId}</span> moves to the
            experiment&apos;s deleted runs. Its params, metrics and artifacts are kept: you can restore it from this
            page until MLflow&apos;s garbage collection (<code>mlflow gc</code>) removes it for good.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={() => remove.mutate()}>
            Delete run
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
