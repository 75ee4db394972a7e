"use client";

import type { CompareSectionProps } from "./section-props";

// WIP scaffold: replaced by the section itself.
export function CompareScatter({ shown }: CompareSectionProps) {
  return <section data-testid="compare-scatter" data-runs={shown.length} />;
}
