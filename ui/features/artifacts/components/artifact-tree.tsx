"use client";

import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import {
  Boxes,
  ChevronRight,
  File,
  FileCode,
  FileImage,
  FileJson,
  FileSpreadsheet,
  FileText,
  Folder,
  FolderOpen,
} from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { previewKindOf } from "../file-kinds";
import { formatBytes } from "../paths";
import { artifactQueries } from "../queries";
import type { ArtifactEntry, LoggedModelRoot, RunLoggedModels } from "../schemas";
import type { ArtifactSelection } from "../search-params";
import { loggedModelSource, sourceKey, type ArtifactSource } from "../source";

/** A tree node's id: its source and path (`run:<id>:a/b`, `model:<id>:` for a logged model's root). */
export const nodeKey = (source: ArtifactSource, path: string) => `${sourceKey(source)}:${path}`;

export interface TreeState {
  selection: ArtifactSelection | null;
  expanded: ReadonlySet<string>;
  /** A click on a node: select it; a folder also opens, or closes when it was already selected. */
  onActivate: (source: ArtifactSource, path: string, isDir: boolean) => void;
}

const INDENT_PX = 14;

/** The run's artifacts, then its logged models as extra roots; folders list their files when opened. */
export function ArtifactTree({
  runSource,
  rootEntries,
  rootTruncated,
  models,
  state,
}: {
  runSource: ArtifactSource;
  rootEntries: ArtifactEntry[];
  rootTruncated: boolean;
  /** The run's logged models, listed apart: the run's own files show while they load or if they fail. */
  models: UseQueryResult<RunLoggedModels>;
  state: TreeState;
}) {
  return (
    <nav aria-label="Artifacts" className="space-y-3 py-2 text-sm" data-testid="artifact-tree">
      <div>
        <SectionLabel>Run artifacts</SectionLabel>
        {rootEntries.length === 0 ? (
          <p className="px-3 py-1 text-xs text-muted-foreground">No files logged to the run itself.</p>
        ) : (
          <EntryList source={runSource} entries={rootEntries} truncated={rootTruncated} level={0} state={state} />
        )}
      </div>
      {models.isPending ? (
        <div className="space-y-1 px-3" data-testid="logged-models-loading">
          <SectionLabel>Logged models</SectionLabel>
          <Skeleton className="h-4 w-2/3" />
        </div>
      ) : models.isError ? (
        <div className="px-3 text-xs">
          <SectionLabel>Logged models</SectionLabel>
          <p className="text-destructive">Could not list the run&apos;s logged models: {models.error.message}</p>
          <Button variant="link" size="sm" className="h-auto p-0 text-xs" onClick={() => void models.refetch()}>
            Try again
          </Button>
        </div>
      ) : models.data.models.length > 0 ? (
        <div>
          <SectionLabel>Logged models</SectionLabel>
          <ul>
            {models.data.models.map((model) => (
              <ModelRootNode key={model.modelId} model={model} state={state} />
            ))}
          </ul>
          {models.data.truncated ? <MoreNotShown /> : null}
        </div>
      ) : null}
    </nav>
  );
}

function SectionLabel({ children }: { children: ReactNode }) {
  return <p className="px-3 pb-1 text-xs font-medium text-muted-foreground uppercase">{children}</p>;
}

function MoreNotShown() {
  return <p className="px-3 py-1 text-xs text-muted-foreground">More entries exist than are shown here.</p>;
}

function isSelected(state: TreeState, source: ArtifactSource, path: string): boolean {
  return state.selection !== null && nodeKey(state.selection.source, state.selection.path) === nodeKey(source, path);
}

function EntryList({
  source,
  entries,
  truncated,
  level,
  state,
}: {
  source: ArtifactSource;
  entries: ArtifactEntry[];
  truncated: boolean;
  level: number;
  state: TreeState;
}) {
  return (
    <>
      <ul>
        {entries.map((entry) =>
          entry.isDir ? (
            <FolderNode key={entry.path} source={source} entry={entry} level={level} state={state} />
          ) : (
            <li key={entry.path}>
              <NodeRow
                source={source}
                path={entry.path}
                level={level}
                selected={isSelected(state, source, entry.path)}
                icon={<FileIcon path={entry.path} />}
                label={entry.name}
                detail={formatBytes(entry.size)}
                onClick={() => state.onActivate(source, entry.path, false)}
              />
            </li>
          ),
        )}
      </ul>
      {truncated ? <MoreNotShown /> : null}
    </>
  );
}

function FolderNode({
  source,
  entry,
  level,
  state,
}: {
  source: ArtifactSource;
  entry: ArtifactEntry;
  level: number;
  state: TreeState;
}) {
  const open = state.expanded.has(nodeKey(source, entry.path));
  return (
    <li>
      <NodeRow
        source={source}
        path={entry.path}
        level={level}
        selected={isSelected(state, source, entry.path)}
        expanded={open}
        icon={
          open ? (
            <FolderOpen className="text-sky-600 dark:text-sky-400" />
          ) : (
            <Folder className="text-sky-600 dark:text-sky-400" />
          )
        }
        label={entry.name}
        onClick={() => state.onActivate(source, entry.path, true)}
      />
      {open ? <FolderChildren source={source} path={entry.path} level={level + 1} state={state} /> : null}
    </li>
  );
}

function ModelRootNode({ model, state }: { model: LoggedModelRoot; state: TreeState }) {
  const source = loggedModelSource(model.modelId);
  const open = state.expanded.has(nodeKey(source, ""));
  return (
    <li>
      <NodeRow
        source={source}
        path=""
        level={0}
        selected={isSelected(state, source, "")}
        expanded={open}
        icon={<Boxes className="text-violet-600 dark:text-violet-400" />}
        label={model.name || model.modelId}
        detail={
          model.status === "LOGGED_MODEL_READY" ? undefined : model.status.replace("LOGGED_MODEL_", "").toLowerCase()
        }
        title={`${model.name} (${model.modelId})`}
        onClick={() => state.onActivate(source, "", true)}
      />
      {open ? <FolderChildren source={source} path="" level={1} state={state} /> : null}
    </li>
  );
}

/** A folder's entries, listed from MLflow the first time the folder opens. */
function FolderChildren({
  source,
  path,
  level,
  state,
}: {
  source: ArtifactSource;
  path: string;
  level: number;
  state: TreeState;
}) {
  const listing = useQuery(artifactQueries.list(source, path));
  const indent = { paddingLeft: 12 + level * INDENT_PX + 18 };
  if (listing.isPending) {
    return (
      <div className="space-y-1 py-1 pr-3" style={indent} data-testid="artifact-folder-loading">
        <Skeleton className="h-4 w-3/4" />
        <Skeleton className="h-4 w-1/2" />
      </div>
    );
  }
  if (listing.isError) {
    return (
      <p className="py-1 pr-3 text-xs text-destructive" style={indent}>
        {listing.error.message}
      </p>
    );
  }
  if (listing.data.entries.length === 0) {
    return (
      <p className="py-1 pr-3 text-xs text-muted-foreground" style={indent}>
        Empty folder
      </p>
    );
  }
  return (
    <EntryList
      source={source}
      entries={listing.data.entries}
      truncated={listing.data.truncated}
      level={level}
      state={state}
    />
  );
}

function NodeRow({
  source,
  path,
  level,
  selected,
  expanded,
  icon,
  label,
  detail,
  title,
  onClick,
}: {
  source: ArtifactSource;
  path: string;
  level: number;
  selected: boolean;
  expanded?: boolean;
  icon: ReactNode;
  label: string;
  detail?: string | undefined;
  title?: string;
  onClick: () => void;
}) {
  const folder = expanded !== undefined;
  return (
    <button
      type="button"
      onClick={onClick}
      aria-expanded={expanded}
      aria-current={selected ? "true" : undefined}
      title={title ?? path}
      data-testid="artifact-node"
      data-node={nodeKey(source, path)}
      data-path={path}
      className={cn(
        "flex w-full items-center gap-1.5 py-1 pr-3 text-left outline-none hover:bg-accent focus-visible:bg-accent [&_svg]:size-4 [&_svg]:shrink-0",
        selected && "bg-accent font-medium",
      )}
      style={{ paddingLeft: 12 + level * INDENT_PX }}
    >
      {folder ? (
        <ChevronRight
          className={cn("text-muted-foreground transition-transform", expanded && "rotate-90")}
          aria-hidden
        />
      ) : (
        <span className="w-4 shrink-0" aria-hidden />
      )}
      <span aria-hidden className="contents">
        {icon}
      </span>
      <span className="min-w-0 flex-1 truncate" data-testid="artifact-node-name">
        {label}
      </span>
      {detail ? <span className="shrink-0 text-xs text-muted-foreground tabular-nums">{detail}</span> : null}
    </button>
  );
}

function FileIcon({ path }: { path: string }) {
  const className = "text-muted-foreground";
  switch (previewKindOf(path)) {
    case "image":
      return <FileImage className={className} />;
    case "json":
      return <FileJson className={className} />;
    case "csv":
    case "tsv":
      return <FileSpreadsheet className={className} />;
    case "markdown":
    case "text":
      return <FileText className={className} />;
    case "html":
      return <FileCode className={className} />;
    default:
      return <File className={className} />;
  }
}
