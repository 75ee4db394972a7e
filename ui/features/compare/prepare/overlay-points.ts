import { toSeriesPoints, type MetricColumns, type SeriesPoint, type XAxis } from "./series-points";
import { joinOnStep } from "./x-metric";

/** The compare page's x-axes: MLflow's three, or another metric's value at the same step. */
export type OverlayXAxis = XAxis | `metric:${string}`;

/** The other metric's key when x is a metric, else null. */
export function xMetricKey(xAxis: OverlayXAxis): string | null {
  return xAxis.startsWith("metric:") ? xAxis.slice("metric:".length) : null;
}

/**
 * A metric history placed on an overlay's x-axis. For `metric:<key>`, `xHistory` is that metric's
 * history in the same run (an empty one when the run never logged it: nothing can be placed).
 */
export function overlayPoints(history: MetricColumns, xAxis: OverlayXAxis, xHistory?: MetricColumns): SeriesPoint[] {
  if (xMetricKey(xAxis) === null) return toSeriesPoints(history, xAxis as XAxis);
  if (!xHistory) throw new Error(`x-axis ${xAxis} needs that metric's history`);
  return joinOnStep(history, xHistory);
}

/** Drawn points back from the wire's columns (steps are x on a step axis). */
export function fromLineColumns(columns: {
  x: readonly number[];
  y: readonly (number | null)[];
  step?: readonly number[] | undefined;
}): { x: number; y: number | null; step: number }[] {
  return columns.x.map((x, i) => ({ x, y: columns.y[i] ?? null, step: columns.step?.[i] ?? x }));
}
