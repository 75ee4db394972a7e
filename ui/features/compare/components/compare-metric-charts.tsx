"use client";

import { useMemo } from "react";
import { defaultMetricKeys, metricKeyUnion } from "@/features/compare/prepare";
import { OverlayChartCard } from "./overlay-chart-card";
import { OverlayKeyPicker } from "./overlay-key-picker";
import { OverlayToolbar } from "./overlay-toolbar";
import type { CompareSectionProps } from "./section-props";

/**
 * One overlay chart per chosen metric over the shown runs, each run in its colour, with the x-axis, log
 * scale, smoothing, grouping and per-chart zooms kept in the URL.
 */
export function CompareMetricCharts({ view, shown, colors, onChange }: CompareSectionProps) {
  const allKeys = useMemo(() => metricKeyUnion(shown), [shown]);
  const keys = useMemo(
    () => (view.metricKeys.length ? view.metricKeys : defaultMetricKeys(shown)),
    [view.metricKeys, shown],
  );
  return (
    <section data-testid="compare-metric-charts" data-runs={shown.length} className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold">Metric charts</h2>
        <OverlayToolbar view={view} runs={shown} metricKeys={allKeys} onChange={onChange} />
      </div>
      <OverlayKeyPicker view={view} shownKeys={keys} allKeys={allKeys} onChange={onChange} />
      {shown.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-sm text-muted-foreground">
          Every compared run is hidden or filtered out: show a run from the legend to chart it.
        </p>
      ) : keys.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-sm text-muted-foreground">
          None of the shown runs logged a metric yet.
        </p>
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          {keys.map((key) => (
            <OverlayChartCard key={key} metricKey={key} view={view} shown={shown} colors={colors} onChange={onChange} />
          ))}
        </div>
      )}
    </section>
  );
}
