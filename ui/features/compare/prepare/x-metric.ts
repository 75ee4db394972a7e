import type { MetricColumns, SeriesPoint } from "./series-points";

/**
 * Places a metric on another metric's values (x = that metric at the same step), joining the two
 * histories on step. A step the x-metric logged more than once takes its latest value there (by
 * timestamp, as MLflow's summary does). A point whose step has no x value cannot be placed and is left
 * out; a non-finite x is kept here and dropped by the downsampler, which cannot place it either.
 */
export function joinOnStep(values: MetricColumns, x: MetricColumns): SeriesPoint[] {
  const xAt = new Map<number, { value: number; timestamp: number }>();
  for (let i = 0; i < x.steps.length; i++) {
    const step = x.steps[i]!;
    const timestamp = x.timestamps[i]!;
    const known = xAt.get(step);
    if (!known || timestamp >= known.timestamp) xAt.set(step, { value: x.values[i]!, timestamp });
  }
  const points: SeriesPoint[] = [];
  for (let i = 0; i < values.steps.length; i++) {
    const step = values.steps[i]!;
    const at = xAt.get(step);
    if (at) points.push({ x: at.value, y: values.values[i]!, step, timestamp: values.timestamps[i]! });
  }
  return points;
}
