"use client";

import { useQuery } from "@tanstack/react-query";
import { ErrorState } from "@/components/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import {
  HTML_PREVIEW_MAX_BYTES,
  IMAGE_PREVIEW_MAX_BYTES,
  TEXT_PREVIEW_BYTES,
  previewKindOf,
  type PreviewKind,
} from "../file-kinds";
import { formatBytes } from "../paths";
import { artifactQueries } from "../queries";
import type { ArtifactEntry } from "../schemas";
import type { ArtifactSource } from "../source";
import { PreviewFrame, PreviewNote } from "./preview-frame";
import { HtmlPreview } from "./previews/html-preview";
import { ImagePreview } from "./previews/image-preview";
import { JsonPreview } from "./previews/json-preview";
import { MarkdownPreview } from "./previews/markdown-preview";
import { TablePreview } from "./previews/table-preview";
import { TextBlock } from "./previews/text-preview";

const TRUNCATED = "Only the first 1 MB is shown: truncated, download for the rest.";

/** A file in its frame, previewed by kind: image, text, JSON, CSV/TSV, Markdown, sandboxed HTML, or metadata. */
export function FilePreview({ source, file }: { source: ArtifactSource; file: ArtifactEntry }) {
  const kind = previewKindOf(file.path);
  return (
    <PreviewFrame source={source} path={file.path} size={file.size}>
      <PreviewBody source={source} file={file} kind={kind} />
    </PreviewFrame>
  );
}

function PreviewBody({ source, file, kind }: { source: ArtifactSource; file: ArtifactEntry; kind: PreviewKind }) {
  const size = file.size ?? 0;
  if (kind === "image") {
    return size > IMAGE_PREVIEW_MAX_BYTES ? (
      <TooLarge limit={IMAGE_PREVIEW_MAX_BYTES} />
    ) : (
      <ImagePreview source={source} path={file.path} />
    );
  }
  if (kind === "html") {
    return size > HTML_PREVIEW_MAX_BYTES ? (
      <TooLarge limit={HTML_PREVIEW_MAX_BYTES} />
    ) : (
      <HtmlPreview source={source} path={file.path} />
    );
  }
  // A file of no known kind is read only when it is small enough to be shown whole as text.
  if (kind === "other" && size > TEXT_PREVIEW_BYTES) return <NoPreview />;
  return <TextualPreview source={source} path={file.path} kind={kind} />;
}

function TextualPreview({ source, path, kind }: { source: ArtifactSource; path: string; kind: PreviewKind }) {
  const preview = useQuery(artifactQueries.preview(source, path));
  if (preview.isPending) {
    return (
      <div className="space-y-2 p-3" data-testid="artifact-preview-loading">
        <Skeleton className="h-4 w-3/4" />
        <Skeleton className="h-4 w-1/2" />
        <Skeleton className="h-4 w-2/3" />
      </div>
    );
  }
  if (preview.isError) {
    return (
      <div className="p-3">
        <ErrorState title="Could not load this file" error={preview.error} onRetry={() => void preview.refetch()} />
      </div>
    );
  }
  const { text, truncated, binary } = preview.data;
  if (binary) return <NoPreview />;
  switch (kind) {
    case "json":
      return <JsonPreview text={text} truncated={truncated} />;
    case "csv":
    case "tsv":
      return <TablePreview text={text} delimiter={kind === "csv" ? "," : "\t"} truncated={truncated} />;
    case "markdown":
      return <MarkdownPreview text={text} truncated={truncated} />;
    default:
      return (
        <>
          <TextBlock text={text} />
          {truncated ? <PreviewNote>{TRUNCATED}</PreviewNote> : null}
        </>
      );
  }
}

function TooLarge({ limit }: { limit: number }) {
  return <PreviewNote>Larger than {formatBytes(limit)}: no preview, download it to open it.</PreviewNote>;
}

function NoPreview() {
  return <PreviewNote>No preview for this kind of file: download it to open it.</PreviewNote>;
}
