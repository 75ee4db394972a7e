"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { Input } from "@/components/ui/input";
import { runQueries } from "@/features/runs";
import { chartViewSearch, parseChartView, type ChartView } from "../search-params";
import { ChartToolbar } from "./chart-toolbar";
import { MetricChartCard } from "./metric-chart-card";

const EMPTY = {
  model: {
    title: "No metrics logged to this run yet",
    body: 'Log one with mlflow.log_metric("loss", 0.42, step=1) in Python, or track() / logMetric from mltrack-sdk, and its chart appears here.',
  },
  system: {
    title: "No system metrics for this run",
    body: "MLflow records CPU, memory, disk, network and GPU use as system/… metrics when a run is started with log_system_metrics=True (or MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING=true).",
  },
};

/**
 * A run's metric charts: one card per key, filtered by a search box, on the x-axis and y-scale
 * that the URL names (`x`, `log`). The model tab gets every key outside `system/`, the system tab
 * the `system/` keys.
 */
export function RunMetricCharts({
  runId,
  metricKeys,
  section,
}: {
  runId: string;
  metricKeys: readonly string[];
  section: "model" | "system";
}) {
  const searchParams = useSearchParams();
  const view = parseChartView(new URLSearchParams(searchParams.toString()));
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search);
  // The page's own run query (refreshed every 5 s while RUNNING): each key's latest point versions its chart.
  const { data: run } = useQuery(runQueries.detail(runId));
  const revisions = new Map(run?.metrics.map((m) => [m.key, `${run.status}:${m.step}:${m.timestamp}`]));

  const setView = (next: Partial<ChartView>) => {
    const search = chartViewSearch(new URLSearchParams(searchParams.toString()), next);
    window.history.replaceState(null, "", `${window.location.pathname}${search}`);
  };

  if (metricKeys.length === 0) {
    const empty = EMPTY[section];
    return (
      <div data-testid={`run-charts-${section}`} className="rounded-lg border border-dashed p-8 text-center">
        <p className="font-medium">{empty.title}</p>
        <p className="mt-1 text-sm text-muted-foreground">{empty.body}</p>
      </div>
    );
  }

  // Typing stays responsive with thousands of cards: the grid follows the box a frame behind.
  const needle = deferredSearch.trim().toLowerCase();
  const shown = needle ? metricKeys.filter((key) => key.toLowerCase().includes(needle)) : metricKeys;

  return (
    <div data-testid={`run-charts-${section}`} className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Input
          type="search"
          aria-label="Search metrics"
          placeholder={`Search ${metricKeys.length.toLocaleString("en-US")} metrics`}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="h-8 w-64"
        />
        <span className="text-xs text-muted-foreground" data-testid="metric-card-count">
          {shown.length === metricKeys.length
            ? `${metricKeys.length.toLocaleString("en-US")} charts`
            : `${shown.length.toLocaleString("en-US")} of ${metricKeys.length.toLocaleString("en-US")} charts`}
        </span>
        <ChartToolbar view={view} onChange={setView} />
      </div>
      {shown.length === 0 ? (
        <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
          No metric key contains “{deferredSearch.trim()}”.
        </p>
      ) : (
        <div className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3">
          {shown.map((key) => (
            <MetricChartCard
              key={key}
              runId={runId}
              metricKey={key}
              xAxis={view.xAxis}
              logY={view.logY}
              revision={revisions.get(key) ?? ""}
            />
          ))}
        </div>
      )}
    </div>
  );
}
