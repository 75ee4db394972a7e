import type { Metric } from "mltrack-sdk/mlflow";

/** The x-axis of a metric chart, named as in MLflow's UI. */
export type XAxis = "step" | "time" | "time-relative";

export const X_AXES: readonly XAxis[] = ["step", "time", "time-relative"];

/** One metric point placed on the chosen x-axis; `y` is the raw value, NaN and ±Infinity included. */
export interface SeriesPoint {
  x: number;
  y: number;
  step: number;
  timestamp: number;
}

/**
 * A metric history as three parallel columns, in MLflow's order: 24 bytes a point instead of an
 * object each, the form in which histories are cached. NaN and ±Infinity are kept.
 */
export interface MetricColumns {
  readonly steps: Float64Array;
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

type MetricPoint = Pick<Metric, "step" | "timestamp" | "value">;

/** Packs a metric history into columns. */
export function toMetricColumns(history: readonly MetricPoint[]): MetricColumns {
  const steps = new Float64Array(history.length);
  const timestamps = new Float64Array(history.length);
  const values = new Float64Array(history.length);
  history.forEach((metric, i) => {
    steps[i] = metric.step;
    timestamps[i] = metric.timestamp;
    values[i] = metric.value;
  });
  return { steps, timestamps, values };
}

/**
 * Places a metric history on `xAxis`: the step, wall time (epoch ms) or ms since the history's earliest
 * point (so a zoom on relative time, taken from the whole history, always has the same origin).
 */
export function toSeriesPoints(history: readonly MetricPoint[] | MetricColumns, xAxis: XAxis): SeriesPoint[] {
  const { steps, timestamps, values } = "steps" in history ? history : toMetricColumns(history);
  let origin = 0;
  if (xAxis === "time-relative") {
    origin = Infinity;
    for (const timestamp of timestamps) if (timestamp < origin) origin = timestamp;
  }
  const points = new Array<SeriesPoint>(steps.length);
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const timestamp = timestamps[i]!;
    points[i] = { x: xAxis === "step" ? step : timestamp - origin, y: values[i]!, step, timestamp };
  }
  return points;
}
