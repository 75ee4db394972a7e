"use client";

import type { CompareSectionProps } from "./section-props";

// WIP scaffold: replaced by the section itself.
export function CompareImages({ shown }: CompareSectionProps) {
  return <section data-testid="compare-images" data-runs={shown.length} />;
}
