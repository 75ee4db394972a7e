"use client";

// WIP scaffold: replaced by the per-metric charts.
export function RunMetricCharts({
  runId,
  metricKeys,
  section,
}: {
  runId: string;
  metricKeys: readonly string[];
  section: "model" | "system";
}) {
  return <div data-testid={`run-charts-${section}`} data-run-id={runId} data-keys={metricKeys.length} />;
}
