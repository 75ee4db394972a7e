import type { BestDirection } from "./metric-direction";

/** A metric history's extremes: what the metrics table shows beside the latest value. */
export interface HistorySummary {
  /** Points in the history, NaN included. */
  points: number;
  /** Smallest and largest value other than NaN (±Infinity count: a diverged loss's max is Infinity). */
  min: number | null;
  max: number | null;
  /** The step where `min` / `max` was first reached (the smallest such step). */
  minStep: number | null;
  maxStep: number | null;
  /** NaN points: they have no place in an order and are counted instead. */
  nan: number;
}

/** Extremes of a history given as columns (MLflow's order, any order of steps). Empty: all null. */
export function summarizeHistory({
  steps,
  values,
}: {
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
}): HistorySummary {
  let min: number | null = null;
  let max: number | null = null;
  let minStep: number | null = null;
  let maxStep: number | null = null;
  let nan = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const step = steps[i]!;
    if (Number.isNaN(value)) {
      nan++;
      continue;
    }
    if (min === null || value < min || (value === min && step < minStep!)) [min, minStep] = [value, step];
    if (max === null || value > max || (value === max && step < maxStep!)) [max, maxStep] = [value, step];
  }
  return { points: values.length, min, max, minStep, maxStep, nan };
}

/** The best value and its step, for the metric's direction. */
export function bestOf(
  summary: Pick<HistorySummary, "min" | "max" | "minStep" | "maxStep">,
  direction: BestDirection,
): { value: number | null; step: number | null } {
  return direction === "min"
    ? { value: summary.min, step: summary.minStep }
    : { value: summary.max, step: summary.maxStep };
}

/** Every metric key the runs have logged, sorted. */
export function metricKeysOf(runs: readonly { metrics: Record<string, unknown> }[]): string[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of Object.keys(run.metrics)) keys.add(key);
  return [...keys].sort();
}
