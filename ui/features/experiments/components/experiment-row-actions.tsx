"use client";

import { ArchiveRestore, ExternalLink, MoreHorizontal, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { useHasRole } from "@/features/auth";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { ExperimentSummary } from "../schemas";

export type ExperimentAction =
  | { kind: "rename"; experiment: ExperimentSummary }
  | { kind: "delete"; experiment: ExperimentSummary }
  | { kind: "restore"; experiment: ExperimentSummary };

/** A row's menu: open; for editors, rename and delete an active experiment or restore a deleted one. */
export function ExperimentRowActions({
  experiment,
  onAction,
}: {
  experiment: ExperimentSummary;
  onAction: (action: ExperimentAction) => void;
}) {
  const deleted = experiment.lifecycleStage === "deleted";
  const canEdit = useHasRole("editor");
  return (
    // Not modal: the menu opens dialogs, and a modal menu closing under an opening dialog can leave the page inert.
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="size-8" aria-label={`Actions for ${experiment.name}`}>
          <MoreHorizontal />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem asChild>
          <Link href={`/experiments/${experiment.experimentId}`}>
            <ExternalLink /> Open
          </Link>
        </DropdownMenuItem>
        {canEdit ? (
          <>
            <DropdownMenuSeparator />
            {deleted ? (
              <DropdownMenuItem onSelect={() => onAction({ kind: "restore", experiment })}>
                <ArchiveRestore /> Restore
              </DropdownMenuItem>
            ) : (
              <>
                <DropdownMenuItem onSelect={() => onAction({ kind: "rename", experiment })}>
                  <Pencil /> Rename…
                </DropdownMenuItem>
                <DropdownMenuItem variant="destructive" onSelect={() => onAction({ kind: "delete", experiment })}>
                  <Trash2 /> Delete…
                </DropdownMenuItem>
              </>
            )}
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
