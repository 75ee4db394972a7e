"use client";

import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { childRunsHref, runHref } from "../run-detail-links";
import type { RunDetail } from "../schemas";
import { RunStatusBadge } from "./run-status-badge";

/** The run's child runs (`mlflow.parentRunId` = this run); a sweep too large to list links to its runs table. */
export function RunChildren({ run }: { run: RunDetail }) {
  if (run.children.length === 0) return null;
  return (
    <Card className="gap-3" data-testid="run-children">
      <CardHeader>
        <CardTitle>
          Child runs ({run.children.length}
          {run.childrenTruncated ? "+" : ""})
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-2">
        <ul className="max-h-96 space-y-1 overflow-y-auto text-sm">
          {run.children.map((child) => (
            <li key={child.runId} className="flex items-center justify-between gap-2" data-testid="run-child">
              <Link
                href={runHref(run.experimentId, child.runId)}
                className="min-w-0 truncate text-primary hover:underline"
              >
                {child.runName || child.runId}
              </Link>
              <span className="flex shrink-0 items-center gap-2">
                {child.lifecycleStage === "deleted" ? <span className="text-xs text-destructive">deleted</span> : null}
                <RunStatusBadge status={child.status} />
              </span>
            </li>
          ))}
        </ul>
        {run.childrenTruncated ? (
          <p className="text-sm text-muted-foreground">
            Showing the first {run.children.length}.{" "}
            <Link
              href={childRunsHref(run.experimentId, run.runId)}
              className="text-primary hover:underline"
              data-testid="run-children-all"
            >
              See all child runs in the runs table
            </Link>
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
