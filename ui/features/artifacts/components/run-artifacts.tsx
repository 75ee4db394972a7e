"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { ErrorState } from "@/components/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { ancestorsOf } from "../paths";
import { artifactQueries } from "../queries";
import { artifactSelectionSearch, parseArtifactSelection, type ArtifactSelection } from "../search-params";
import { runSource, type ArtifactSource } from "../source";
import { ArtifactDetail } from "./artifact-detail";
import { ArtifactTree, nodeKey, type TreeState } from "./artifact-tree";
import { ArtifactsEmpty } from "./artifacts-empty";

/** The folders to open so that `selection` shows in the tree: its ancestors, and a logged model's root. */
function foldersAround(selection: ArtifactSelection | null): string[] {
  if (!selection) return [];
  const { source, path } = selection;
  const roots = source.kind === "logged-model" ? [nodeKey(source, "")] : [];
  return [...roots, ...ancestorsOf(path).map((folder) => nodeKey(source, folder))];
}

/**
 * The run page's Artifacts tab: a lazily listed tree of the run's artifacts and its logged models,
 * and a preview of the selected file. The selection is in the URL (`?tab=artifacts&path=...`).
 */
export function RunArtifacts({ runId, experimentId }: { runId: string; experimentId: string }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const selection = parseArtifactSelection(searchParams, runId);
  const source = runSource(runId);
  const root = useQuery(artifactQueries.list(source, ""));
  const models = useQuery(artifactQueries.loggedModels(runId, experimentId));
  // Which folders are open is view state of this tab; a link opens the folders around its file.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(foldersAround(selection)));

  const onActivate = (nodeSource: ArtifactSource, path: string, isDir: boolean) => {
    const next = { source: nodeSource, path };
    const key = nodeKey(nodeSource, path);
    const alreadySelected = selection !== null && nodeKey(selection.source, selection.path) === key;
    setExpanded((current) => {
      const open = new Set([...current, ...foldersAround(next)]);
      if (isDir) {
        if (alreadySelected && current.has(key)) open.delete(key);
        else open.add(key);
      }
      return open;
    });
    if (!alreadySelected) {
      // The history API changes the URL without a server render; Back returns to the previous file.
      window.history.pushState(null, "", `${pathname}${artifactSelectionSearch(searchParams, next)}`);
    }
  };

  if (root.isPending) return <ArtifactsSkeleton />;
  if (root.isError) {
    return (
      <ErrorState title="Could not list this run's artifacts" error={root.error} onRetry={() => void root.refetch()} />
    );
  }
  // With no files of its own, the run is empty only once it is known to have no logged models either.
  if (root.data.entries.length === 0) {
    if (models.isPending) return <ArtifactsSkeleton />;
    if (models.isSuccess && models.data.models.length === 0) return <ArtifactsEmpty />;
  }

  const state: TreeState = { selection, expanded, onActivate };
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(14rem,20rem)_minmax(0,1fr)]" data-testid="run-artifacts">
      <div className="max-h-[80vh] overflow-auto rounded-lg border lg:self-start">
        <ArtifactTree
          runSource={source}
          rootEntries={root.data.entries}
          rootTruncated={root.data.truncated}
          models={models}
          state={state}
        />
      </div>
      <div className="min-w-0">
        <ArtifactDetail selection={selection} models={models.data?.models ?? []} onOpen={onActivate} />
      </div>
    </div>
  );
}

function ArtifactsSkeleton() {
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(14rem,20rem)_minmax(0,1fr)]" data-testid="run-artifacts-loading">
      <div className="space-y-2 rounded-lg border p-3">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-4" style={{ width: `${85 - i * 9}%` }} />
        ))}
      </div>
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
