"use client";

import { useHasRole } from "@/features/auth";
import type { RunDetail } from "../schemas";
import { RunChildren } from "./run-children";
import { RunDetails } from "./run-details";
import { RunLlmCard } from "./run-llm-card";
import { RunMetricsTable } from "./run-metrics-table";
import { RunNote } from "./run-note";
import { RunParamsTable } from "./run-params-table";
import { RunTags } from "./run-tags";

/**
 * A run's Overview tab, laid out as MLflow's: description, then params, metrics and tags; details,
 * LLM usage and child runs beside them. A deleted run is read-only until restored; a viewer reads only.
 */
export function RunOverview({ run }: { run: RunDetail }) {
  const canEdit = useHasRole("editor");
  const editable = run.lifecycleStage === "active" && canEdit;
  // Keyed by run: editors and searches start afresh on another run's page.
  return (
    <div
      className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
      key={run.runId}
      data-testid="run-overview"
      data-run-id={run.runId}
    >
      <div className="min-w-0 space-y-4">
        <RunNote run={run} editable={editable} />
        <RunParamsTable params={run.params} />
        <RunMetricsTable metrics={run.metrics} />
        <RunTags run={run} editable={editable} />
      </div>
      <div className="min-w-0 space-y-4">
        <RunDetails run={run} />
        {run.llm ? <RunLlmCard llm={run.llm} /> : null}
        <RunChildren run={run} />
      </div>
    </div>
  );
}
