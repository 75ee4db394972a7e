"use client";

import { Download } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { formatBytes } from "../paths";
import { artifactFileUrl, type ArtifactSource } from "../source";

/** A file's frame: its path, size and a Download button over whatever preview fits its kind. */
export function PreviewFrame({
  source,
  path,
  size,
  children,
}: {
  source: ArtifactSource;
  path: string;
  size: number | null;
  children: ReactNode;
}) {
  return (
    <section className="overflow-hidden rounded-lg border" data-testid="artifact-preview" data-path={path}>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b bg-muted/40 px-3 py-2">
        <h3 className="min-w-0 flex-1 font-mono text-sm break-all" data-testid="artifact-preview-path">
          {path}
        </h3>
        <span className="text-xs text-muted-foreground tabular-nums" data-testid="artifact-preview-size">
          {formatBytes(size)}
        </span>
        <Button asChild variant="outline" size="sm">
          <a href={artifactFileUrl(source, path, { download: true })} download data-testid="artifact-download">
            <Download /> Download
          </a>
        </Button>
      </header>
      <div className="min-w-0">{children}</div>
    </section>
  );
}

/** A short line under or instead of a preview: why it stops, or why there is none. */
export function PreviewNote({ children }: { children: ReactNode }) {
  return (
    <p className="border-t bg-muted/30 px-3 py-2 text-xs text-muted-foreground" data-testid="artifact-preview-note">
      {children}
    </p>
  );
}
