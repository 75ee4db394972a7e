"use client";

import type { CompareSectionProps } from "./section-props";

// WIP scaffold: replaced by the section itself.
export function ParallelCoordinates({ shown }: CompareSectionProps) {
  return <section data-testid="parallel-coordinates" data-runs={shown.length} />;
}
