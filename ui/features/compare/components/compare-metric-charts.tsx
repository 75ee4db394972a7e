"use client";

import type { CompareSectionProps } from "./section-props";

// WIP scaffold: replaced by the section itself.
export function CompareMetricCharts({ shown }: CompareSectionProps) {
  return <section data-testid="compare-metric-charts" data-runs={shown.length} />;
}
