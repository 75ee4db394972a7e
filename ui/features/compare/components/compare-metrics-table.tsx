"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowDown, ArrowUp } from "lucide-react";
import { useMemo } from "react";
import { ErrorState } from "@/components/error-state";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RunCell } from "@/features/runs";
import { useInView } from "@/features/metrics/hooks/use-in-view";
import { cn } from "@/lib/utils";
import { summariesByRun } from "../compare-csv";
import { inferBestDirection, type BestDirection } from "../metric-direction";
import { metricKeysOf } from "../metric-summary";
import { compareQueries } from "../queries";
import type { MetricSummary } from "../schemas";
import { CompareValue } from "./compare-value";
import { RunColumnHead, useRunColumns } from "./compare-run-columns";
import type { CompareSectionProps } from "./section-props";

function toNumber(cell: RunCell | undefined): number | null {
  if (cell === null || cell === undefined || typeof cell === "string") return null;
  if (typeof cell === "number") return cell;
  return cell.nonFinite === "NaN" ? null : cell.nonFinite === "Infinity" ? Infinity : -Infinity;
}

function bestCell(summary: MetricSummary | undefined, direction: BestDirection) {
  if (!summary) return { cell: undefined, step: null };
  return direction === "min"
    ? { cell: summary.min, step: summary.minStep }
    : { cell: summary.max, step: summary.maxStep };
}

/**
 * Per metric key and shown run: the latest value, the min and max over the full history, and the best
 * value with its step. Which end is best is guessed from the metric's name and can be flipped per
 * metric (kept in the URL). The run(s) holding the row's best value are marked.
 */
export function CompareMetricsTable({ view, shown, colors, onChange }: CompareSectionProps) {
  // Full histories of every key are a heavy read: wait until the table is near the screen, so the
  // charts above get MLflow first.
  const [ref, inView] = useInView<HTMLDivElement>("600px");
  const summaries = useQuery({ ...compareQueries.metricSummaries(view.runIds), enabled: inView });
  const byRun = useMemo(() => (summaries.data ? summariesByRun(summaries.data.summaries) : null), [summaries.data]);
  const keys = useMemo(() => metricKeysOf(shown), [shown]);
  const { columns, toggle } = useRunColumns(shown);
  const chosen = new Map(view.best.map(({ key, direction }) => [key, direction]));

  if (shown.length === 0)
    return <p className="text-sm text-muted-foreground">No runs shown: show some from the legend.</p>;
  if (keys.length === 0)
    return (
      <p className="text-sm text-muted-foreground" data-testid="compare-metrics-empty">
        None of the shown runs logged a metric.
      </p>
    );

  const flip = (key: string, direction: BestDirection) =>
    onChange({
      ...view,
      best: [...view.best.filter((b) => b.key !== key), { key, direction: direction === "min" ? "max" : "min" }],
    });

  return (
    <div className="space-y-2" ref={ref}>
      {summaries.error ? (
        <ErrorState
          title="Could not read the metric histories (min, max and best steps)"
          error={summaries.error}
          onRetry={() => void summaries.refetch()}
        />
      ) : null}
      <div className="max-h-[36rem] overflow-auto rounded-md border">
        <Table data-testid="compare-metrics-table">
          <TableHeader className="sticky top-0 z-10 bg-background">
            <TableRow>
              <TableHead className="sticky left-0 z-10 bg-background">Metric</TableHead>
              {columns.map((run) => (
                <RunColumnHead key={run.runId} run={run} color={colors.get(run.runId)} />
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((key) => {
              const guess = inferBestDirection(key);
              const direction = chosen.get(key) ?? guess ?? "min";
              const sign = direction === "min" ? 1 : -1;
              let bestValue: number | null = null;
              for (const run of shown) {
                const value = toNumber(bestCell(byRun?.get(run.runId)?.get(key), direction).cell);
                if (value !== null && (bestValue === null || sign * value < sign * bestValue)) bestValue = value;
              }
              return (
                <TableRow key={key} data-testid="compare-metric-row" data-key={key} data-direction={direction}>
                  <TableHead scope="row" className="sticky left-0 bg-background align-top">
                    <div className="max-w-56 truncate font-mono text-xs" title={key}>
                      {key}
                    </div>
                    <Button
                      variant="ghost"
                      size="sm"
                      className="h-6 px-1 text-xs font-normal text-muted-foreground"
                      onClick={() => flip(key, direction)}
                      aria-label={`Best ${key}: ${direction === "min" ? "lower" : "higher"} is better. Switch`}
                      title={
                        chosen.has(key) || guess
                          ? "Which end is best; click to switch"
                          : "Not known from the name: assumed lower is better; click to switch"
                      }
                      data-testid="compare-metric-direction"
                    >
                      {direction === "min" ? <ArrowDown /> : <ArrowUp />}
                      {direction === "min" ? "lower is better" : "higher is better"}
                      {!chosen.has(key) && !guess ? " (assumed)" : null}
                    </Button>
                  </TableHead>
                  {columns.map((run) => {
                    const latest = run.metrics[key];
                    const summary = byRun?.get(run.runId)?.get(key);
                    const best = bestCell(summary, direction);
                    const isBest = bestValue !== null && toNumber(best.cell) === bestValue;
                    return (
                      <TableCell
                        key={run.runId}
                        className={cn("align-top text-xs", isBest && "bg-emerald-500/10")}
                        data-testid="compare-metric-cell"
                        data-run-id={run.runId}
                        data-best={isBest || undefined}
                      >
                        {latest ? (
                          <MetricCellBody
                            latest={latest}
                            summary={summary}
                            best={best}
                            loading={!byRun && !summaries.error}
                          />
                        ) : (
                          <span className="text-muted-foreground" title="not logged">
                            —
                          </span>
                        )}
                      </TableCell>
                    );
                  })}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      {toggle}
    </div>
  );
}

function MetricCellBody({
  latest,
  summary,
  best,
  loading,
}: {
  latest: { value: RunCell; step: number };
  summary: MetricSummary | undefined;
  best: { cell: RunCell | undefined; step: number | null };
  loading: boolean;
}) {
  return (
    <div className="space-y-0.5">
      <div title={`last, at step ${latest.step}`}>
        <CompareValue cell={latest.value} className="text-sm font-medium" />
        <span className="ml-1 text-muted-foreground" data-testid="metric-last-step">
          @{latest.step}
        </span>
      </div>
      {loading ? (
        <Skeleton className="h-3 w-24" />
      ) : summary ? (
        <>
          <div className="text-muted-foreground">
            min <CompareValue cell={summary.min} className="text-foreground" />
            {" · "}max <CompareValue cell={summary.max} className="text-foreground" />
          </div>
          <div className="text-muted-foreground" data-testid="metric-best">
            best <CompareValue cell={best.cell} className="text-foreground" />
            {best.step !== null ? (
              <>
                {" "}
                at step <span data-testid="metric-best-step">{best.step}</span>
              </>
            ) : null}
          </div>
          {summary.nan ? (
            <div className="text-amber-600 dark:text-amber-400" data-testid="metric-nan-count">
              {summary.nan} NaN point{summary.nan === 1 ? "" : "s"}
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
