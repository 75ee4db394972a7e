"use client";

import Link from "next/link";
import { Timestamp } from "@/components/timestamp";
import type { RunDetail } from "../schemas";
import { formatDuration } from "./cells";
import { RunStatusBadge } from "./run-status-badge";

/** Breadcrumbs, the run's name (as text), status, and when it ran. */
export function RunHeader({ run }: { run: RunDetail }) {
  return (
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
        <h1 className="truncate text-2xl font-semibold tracking-tight" data-testid="run-name">
          {run.runName || run.runId}
        </h1>
        <RunStatusBadge status={run.status} />
        {run.lifecycleStage === "deleted" ? (
          <span className="rounded-md bg-destructive/10 px-2 py-0.5 text-xs text-destructive">deleted</span>
        ) : null}
      </div>
      <p className="flex flex-wrap gap-x-4 text-sm text-muted-foreground">
        <span>
          Started <Timestamp ms={run.startTime} />
        </span>
        {run.startTime !== null && run.endTime !== null ? (
          <span>Took {formatDuration(run.endTime - run.startTime)}</span>
        ) : null}
        <span className="font-mono text-xs leading-5">{run.runId}</span>
      </p>
    </div>
  );
}
