"use client";

import Link from "next/link";
import { Fragment, useEffect, type ReactNode } from "react";
import { Timestamp } from "@/components/timestamp";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { descriptionFirstLine } from "../registry-tags";
import type { ModelVersionSummary } from "../schemas";
import { versionAnchor } from "../search-params";

/**
 * The versions, newest first. Each row has a stable anchor (`#version-<n>`); the selected one (from
 * `?version=`) is highlighted, scrolled to, and opened below its row.
 */
export function ModelVersionsTable({
  versions,
  selected,
  onSelect,
  renderPanel,
  versionActions,
}: {
  versions: readonly ModelVersionSummary[];
  selected: string | null;
  onSelect: (version: string | null) => void;
  renderPanel: (version: ModelVersionSummary) => ReactNode;
  versionActions: (version: ModelVersionSummary) => ReactNode;
}) {
  // Bringing the version a link opened into view is a DOM side effect, not state.
  useEffect(() => {
    if (selected) document.getElementById(versionAnchor(selected))?.scrollIntoView({ block: "center" });
  }, [selected]);

  return (
    <Table data-testid="model-versions">
      <TableHeader>
        <TableRow>
          <TableHead className="w-20">Version</TableHead>
          <TableHead>Aliases</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Source run</TableHead>
          <TableHead>Created</TableHead>
          <TableHead>Description</TableHead>
          <TableHead className="w-24 text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {versions.map((v) => {
          const open = v.version === selected;
          return (
            <Fragment key={v.version}>
              <TableRow
                id={versionAnchor(v.version)}
                data-testid="model-version-row"
                data-version={v.version}
                data-state={open ? "selected" : undefined}
                aria-selected={open}
                className={cn("scroll-mt-20", open && "ring-2 ring-primary/40 ring-inset")}
              >
                <TableCell className="font-mono">
                  <button
                    type="button"
                    className="hover:underline"
                    aria-expanded={open}
                    aria-label={`${open ? "Close" : "Open"} version ${v.version}`}
                    onClick={() => onSelect(open ? null : v.version)}
                    data-testid="model-version-toggle"
                  >
                    v{v.version}
                  </button>
                </TableCell>
                <TableCell className="space-x-1" data-testid="model-version-aliases">
                  {v.aliases.map((alias) => (
                    <Badge key={alias} variant="secondary">
                      @{alias}
                    </Badge>
                  ))}
                </TableCell>
                <TableCell>{v.status === "READY" ? "ready" : v.status.toLowerCase().replace("_", " ")}</TableCell>
                <TableCell className="max-w-64 truncate">
                  {v.experimentId && v.runId ? (
                    <Link
                      href={`/experiments/${encodeURIComponent(v.experimentId)}/runs/${encodeURIComponent(v.runId)}`}
                      className="hover:underline"
                      data-testid="model-version-run"
                    >
                      {v.runName || v.runId}
                    </Link>
                  ) : (
                    <span className="text-muted-foreground" title={v.source}>
                      {v.runId ? `${v.runId} (deleted)` : v.source}
                    </span>
                  )}
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <Timestamp ms={v.creationTimestamp} />
                </TableCell>
                <TableCell className="max-w-72 truncate" title={v.description}>
                  {descriptionFirstLine(v.description)}
                </TableCell>
                <TableCell className="text-right" data-testid="model-version-actions">
                  {versionActions(v)}
                </TableCell>
              </TableRow>
              {open ? (
                <TableRow data-testid="model-version-panel" className="hover:bg-transparent">
                  <TableCell colSpan={7} className="bg-muted/30 p-4 whitespace-normal">
                    {renderPanel(v)}
                  </TableCell>
                </TableRow>
              ) : null}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
