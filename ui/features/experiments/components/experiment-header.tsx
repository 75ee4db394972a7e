"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ArchiveRestore, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Timestamp } from "@/components/timestamp";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useHasRole } from "@/features/auth";
import { useDeleteExperiment, useRestoreExperiment } from "../hooks/use-experiment-mutations";
import { experimentQueries } from "../queries";
import { DeleteExperimentDialog } from "./delete-experiment-dialog";
import { ExperimentDescription } from "./experiment-description";
import { ExperimentTagsEditor, SystemTags } from "./experiment-tags-editor";
import { RenameExperimentDialog } from "./rename-experiment-dialog";

/** The experiment page's heading: name and actions, the description, and the tags (read-only for viewers). */
export function ExperimentHeader({ experimentId }: { experimentId: string }) {
  const { data: experiment } = useSuspenseQuery(experimentQueries.detail(experimentId));
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  const remove = useDeleteExperiment();
  const restore = useRestoreExperiment();
  const deleted = experiment.lifecycleStage === "deleted";
  const canEdit = useHasRole("editor");

  return (
    <div className="space-y-3" data-testid="experiment-heading">
      <nav className="text-sm text-muted-foreground">
        <Link href="/experiments" className="hover:underline">
          Experiments
        </Link>
      </nav>
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight break-all" data-testid="experiment-name">
              {experiment.name}
            </h1>
            {deleted ? (
              <Badge variant="destructive" data-testid="experiment-deleted-badge">
                Deleted
              </Badge>
            ) : null}
          </div>
          <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground">
            <span>
              ID <span className="font-mono">{experiment.experimentId}</span>
            </span>
            <span>
              Created <Timestamp ms={experiment.creationTime} />
            </span>
            <span>
              Last updated <Timestamp ms={experiment.lastUpdateTime} />
            </span>
            {experiment.artifactLocation ? (
              <span className="max-w-full truncate" title={experiment.artifactLocation}>
                Artifacts <span className="font-mono">{experiment.artifactLocation}</span>
              </span>
            ) : null}
          </p>
        </div>
        <div className="flex gap-2">
          {!canEdit ? null : deleted ? (
            <Button size="sm" onClick={() => restore.mutate(experimentId)} disabled={restore.isPending}>
              <ArchiveRestore /> Restore
            </Button>
          ) : (
            <>
              <Button variant="outline" size="sm" onClick={() => setDialog("rename")}>
                <Pencil /> Rename
              </Button>
              <Button variant="outline" size="sm" onClick={() => setDialog("delete")} disabled={remove.isPending}>
                <Trash2 /> Delete
              </Button>
            </>
          )}
        </div>
      </div>
      {deleted ? (
        <Alert data-testid="experiment-deleted">
          <Trash2 />
          <AlertTitle>This experiment is deleted</AlertTitle>
          <AlertDescription>
            <p>
              MLflow keeps it and its runs, but it cannot be renamed, tagged or logged to. Restore it to use it again.
            </p>
            {canEdit ? (
              <Button size="sm" variant="outline" className="mt-2" onClick={() => restore.mutate(experimentId)}>
                <ArchiveRestore /> Restore
              </Button>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}
      <ExperimentDescription
        experimentId={experimentId}
        description={experiment.description}
        readOnly={deleted || !canEdit}
      />
      <ExperimentTagsEditor experimentId={experimentId} tags={experiment.tags} readOnly={deleted || !canEdit} />
      <SystemTags tags={experiment.systemTags} />
      <RenameExperimentDialog experiment={dialog === "rename" ? experiment : null} onClose={() => setDialog(null)} />
      <DeleteExperimentDialog
        experiment={dialog === "delete" ? experiment : null}
        onConfirm={(id) => remove.mutate(id)}
        onClose={() => setDialog(null)}
      />
    </div>
  );
}
