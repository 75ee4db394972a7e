"use client";

import { useQuery } from "@tanstack/react-query";
import { FileQuestion, MousePointerClick } from "lucide-react";
import type { ReactNode } from "react";
import { ErrorState } from "@/components/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { baseName, formatBytes, parentOf } from "../paths";
import { artifactQueries } from "../queries";
import type { LoggedModelRoot } from "../schemas";
import type { ArtifactSelection } from "../search-params";
import { sourceKey, type ArtifactSource } from "../source";
import { FilePreview } from "./file-preview";
import { ModelCardView } from "./model-card";

/** What the selected node shows: a file's preview, a model folder's card, or a folder's contents. */
export function ArtifactDetail({
  selection,
  models,
  onOpen,
}: {
  selection: ArtifactSelection | null;
  models: LoggedModelRoot[];
  onOpen: (source: ArtifactSource, path: string, isDir: boolean) => void;
}) {
  if (!selection) {
    return (
      <Placeholder icon={<MousePointerClick className="size-6" />}>
        Select a file to preview it, or a model to see its flavors, signature and input example.
      </Placeholder>
    );
  }
  const { source, path } = selection;
  if (source.kind === "logged-model" && path === "") {
    const model = models.find((m) => m.modelId === source.modelId);
    return <FolderDetail source={source} path="" name={model?.name || source.modelId} onOpen={onOpen} />;
  }
  // Re-keyed per selection: a new file starts from its own loading state.
  return <EntryDetail key={`${sourceKey(source)}:${path}`} source={source} path={path} onOpen={onOpen} />;
}

function EntryDetail({
  source,
  path,
  onOpen,
}: {
  source: ArtifactSource;
  path: string;
  onOpen: (source: ArtifactSource, path: string, isDir: boolean) => void;
}) {
  // The entry's size and kind come from its folder's listing, which the tree has usually loaded already.
  const listing = useQuery(artifactQueries.list(source, parentOf(path)));
  if (listing.isPending) return <DetailSkeleton />;
  if (listing.isError) {
    return (
      <ErrorState title="Could not open this artifact" error={listing.error} onRetry={() => void listing.refetch()} />
    );
  }
  const entry = listing.data.entries.find((e) => e.path === path);
  if (!entry) {
    return (
      <Placeholder icon={<FileQuestion className="size-6" />}>
        There is no artifact at <span className="font-mono break-all">{path}</span>.
      </Placeholder>
    );
  }
  if (entry.isDir) return <FolderDetail source={source} path={entry.path} name={entry.name} onOpen={onOpen} />;
  return <FilePreview source={source} file={entry} />;
}

function FolderDetail({
  source,
  path,
  name,
  onOpen,
}: {
  source: ArtifactSource;
  path: string;
  name: string;
  onOpen: (source: ArtifactSource, path: string, isDir: boolean) => void;
}) {
  const listing = useQuery(artifactQueries.list(source, path));
  if (listing.isPending) return <DetailSkeleton />;
  if (listing.isError) {
    return (
      <ErrorState title="Could not list this folder" error={listing.error} onRetry={() => void listing.refetch()} />
    );
  }
  const { entries } = listing.data;
  if (entries.some((e) => !e.isDir && baseName(e.path) === "MLmodel")) {
    return <ModelCardView source={source} dir={path} name={name} />;
  }
  return (
    <section className="overflow-hidden rounded-lg border" data-testid="artifact-folder">
      <header className="border-b bg-muted/40 px-3 py-2">
        <h3 className="font-mono text-sm break-all">{path || name}</h3>
        <p className="text-xs text-muted-foreground">
          {entries.length} {entries.length === 1 ? "entry" : "entries"}
        </p>
      </header>
      {entries.length === 0 ? (
        <p className="px-3 py-4 text-sm text-muted-foreground">This folder is empty.</p>
      ) : (
        <ul className="divide-y text-sm">
          {entries.map((entry) => (
            <li key={entry.path}>
              <button
                type="button"
                className="flex w-full items-center gap-3 px-3 py-1.5 text-left hover:bg-accent"
                onClick={() => onOpen(source, entry.path, entry.isDir)}
              >
                <span className="min-w-0 flex-1 truncate">
                  {entry.name}
                  {entry.isDir ? "/" : ""}
                </span>
                <span className="text-xs text-muted-foreground tabular-nums">
                  {entry.isDir ? "folder" : formatBytes(entry.size)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DetailSkeleton() {
  return (
    <div className="space-y-3 rounded-lg border p-4">
      <Skeleton className="h-5 w-1/2" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}

function Placeholder({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <div
      className="flex min-h-48 flex-col items-center justify-center gap-2 rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground"
      data-testid="artifact-placeholder"
    >
      {icon}
      <p>{children}</p>
    </div>
  );
}
