"use client";

import type { RunDetail } from "../schemas";

// WIP scaffold: replaced by the overview (params, metrics, tags, note, family, source).
export function RunOverview({ run }: { run: RunDetail }) {
  return <div data-testid="run-overview" data-run-id={run.runId} />;
}
