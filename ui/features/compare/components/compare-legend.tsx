"use client";

import { Eye, EyeOff } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { RunStatusBadge } from "@/features/runs/components/run-status-badge";
import { cn } from "@/lib/utils";
import type { CompareSectionProps } from "./section-props";
import { RunSwatch } from "./compare-value";

/** Legend entries drawn before "show all": past this, 500 runs would be 500 rows to lay out. */
export const LEGEND_LIMIT = 50;

/**
 * The compared runs with their colours: a click on the swatch hides a run from every chart and table
 * (and shows it again); names open the run. Runs outside a parallel-coordinates brush are marked.
 */
export function CompareLegend({ view, runs, shown, colors, onChange }: CompareSectionProps) {
  const [expanded, setExpanded] = useState(false);
  const hidden = new Set(view.hidden);
  const shownIds = new Set(shown.map((run) => run.runId));
  const brushedOut = runs.filter((run) => !hidden.has(run.runId) && !shownIds.has(run.runId)).length;
  const listed = expanded ? runs : runs.slice(0, LEGEND_LIMIT);

  const toggle = (runId: string) =>
    onChange({
      ...view,
      hidden: hidden.has(runId) ? view.hidden.filter((id) => id !== runId) : [...view.hidden, runId],
    });

  return (
    <div className="space-y-2" data-testid="compare-legend">
      <div className="flex flex-wrap items-center gap-3 text-sm text-muted-foreground">
        <span data-testid="compare-shown-count">
          {shown.length} of {runs.length} shown
        </span>
        {view.hidden.length ? (
          <Button variant="outline" size="sm" onClick={() => onChange({ ...view, hidden: [] })}>
            <Eye /> Show all
          </Button>
        ) : null}
        {view.brushes.length || view.picks.length ? (
          <span className="flex items-center gap-2" data-testid="compare-brushed-out">
            {brushedOut} outside the parallel-coordinates brushes
            <Button variant="outline" size="sm" onClick={() => onChange({ ...view, brushes: [], picks: [] })}>
              Clear brushes
            </Button>
          </span>
        ) : null}
      </div>
      <ul className="grid gap-1 sm:grid-cols-2 xl:grid-cols-3" aria-label="Compared runs">
        {listed.map((run) => {
          const isHidden = hidden.has(run.runId);
          const isBrushedOut = !isHidden && !shownIds.has(run.runId);
          const color = colors.get(run.runId);
          return (
            <li
              key={run.runId}
              className={cn(
                "flex min-w-0 items-center gap-2 rounded-md border px-2 py-1 text-sm",
                (isHidden || isBrushedOut) && "bg-muted/40 text-muted-foreground",
              )}
              data-testid="compare-legend-entry"
              data-run-id={run.runId}
              data-hidden={isHidden || undefined}
              data-brushed-out={isBrushedOut || undefined}
            >
              <button
                type="button"
                className="flex items-center gap-1 rounded p-1 hover:bg-accent"
                aria-pressed={!isHidden}
                aria-label={`${isHidden ? "Show" : "Hide"} run ${run.runName || run.runId}`}
                title={isHidden ? "Show in every chart" : "Hide from every chart"}
                onClick={() => toggle(run.runId)}
              >
                <RunSwatch color={color} muted={isHidden} />
                {isHidden ? (
                  <EyeOff className="size-3.5" aria-hidden />
                ) : (
                  <Eye className="size-3.5 opacity-50" aria-hidden />
                )}
              </button>
              {/* No prefetch: up to 500 run pages rendered ahead would queue before the charts' series. */}
              <Link
                prefetch={false}
                href={`/experiments/${encodeURIComponent(run.experimentId)}/runs/${encodeURIComponent(run.runId)}`}
                className={cn("min-w-0 truncate font-medium hover:underline", isHidden && "line-through")}
                title={run.runName || run.runId}
                data-testid="compare-legend-name"
              >
                {run.runName || run.runId}
              </Link>
              <span className="min-w-0 truncate text-xs text-muted-foreground" title={run.experimentName}>
                {run.experimentName}
              </span>
              {isBrushedOut ? <span className="text-xs">(brushed out)</span> : null}
              <RunStatusBadge status={run.status} className="ml-auto shrink-0" />
            </li>
          );
        })}
      </ul>
      {runs.length > LEGEND_LIMIT ? (
        <Button variant="ghost" size="sm" onClick={() => setExpanded(!expanded)} data-testid="compare-legend-more">
          {expanded ? `Show the first ${LEGEND_LIMIT} only` : `Show all ${runs.length} runs`}
        </Button>
      ) : null}
    </div>
  );
}
