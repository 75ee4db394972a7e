"use client";

import { ArchiveRestore, Trash2 } from "lucide-react";
import Link from "next/link";
import { Timestamp } from "@/components/timestamp";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHasRole } from "@/features/auth";
import { RunDeployButton } from "@/features/deployments";
import { useRestoreRun } from "../hooks/use-run-mutations";
import type { RunDetail } from "../schemas";
import { RunDeleteDialog } from "./run-delete-dialog";
import { RunDuration } from "./run-duration";
import { RunRenameDialog } from "./run-rename-dialog";
import { RunStatusBadge } from "./run-status-badge";

function RestoreButton({ run }: { run: RunDetail }) {
  const restore = useRestoreRun(run.runId);
  return (
    <Button size="sm" onClick={() => restore.mutate()} disabled={restore.isPending}>
      <ArchiveRestore /> Restore
    </Button>
  );
}

/** Breadcrumbs, the run's name (as text), status, when it ran, and rename, delete, restore and deploy for those allowed. */
export function RunHeader({ run }: { run: RunDetail }) {
  const deleted = run.lifecycleStage === "deleted";
  const canEdit = useHasRole("editor");
  const canDeploy = useHasRole("deployer");
  return (
    <div className="space-y-3" data-testid="run-header">
      <div className="space-y-1">
        <nav className="flex items-center gap-1 text-sm text-muted-foreground" aria-label="Breadcrumbs">
          <Link href="/experiments" className="hover:underline">
            Experiments
          </Link>
          <span aria-hidden>/</span>
          <Link
            href={`/experiments/${run.experimentId}`}
            className="truncate hover:underline"
            data-testid="run-experiment-link"
          >
            {run.experimentName}
          </Link>
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 truncate text-2xl font-semibold tracking-tight" data-testid="run-name">
            {run.runName || run.runId}
          </h1>
          <RunStatusBadge status={run.status} />
          {deleted ? (
            <span className="rounded-md bg-destructive/10 px-2 py-0.5 text-xs text-destructive">deleted</span>
          ) : null}
          <div className="ml-auto flex items-center gap-2">
            {deleted || !canDeploy ? null : <RunDeployButton runId={run.runId} />}
            {canEdit ? <RunRenameDialog run={run} disabled={deleted} /> : null}
            {deleted || !canEdit ? null : <RunDeleteDialog run={run} />}
          </div>
        </div>
        <p className="flex flex-wrap gap-x-4 text-sm text-muted-foreground">
          <span>
            Started <Timestamp ms={run.startTime} />
          </span>
          {run.startTime !== null && run.endTime !== null ? (
            <span>
              Took <RunDuration startTime={run.startTime} endTime={run.endTime} running={false} />
            </span>
          ) : run.startTime !== null && run.status === "RUNNING" ? (
            <span>
              Running for <RunDuration startTime={run.startTime} endTime={null} running />
            </span>
          ) : null}
          <span className="font-mono text-xs leading-5">{run.runId}</span>
        </p>
      </div>
      {deleted ? (
        <Alert variant="destructive" data-testid="run-deleted-banner">
          <Trash2 />
          <AlertTitle>This run is deleted</AlertTitle>
          <AlertDescription>
            <p>
              It is hidden from the experiment&apos;s runs and cannot be edited. Restore it to bring it back as it was;
              MLflow&apos;s garbage collection (<code>mlflow gc</code>) removes deleted runs for good.
            </p>
            {canEdit ? (
              <div className="mt-2">
                <RestoreButton run={run} />
              </div>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}
