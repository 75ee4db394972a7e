import type { Metric } from "mltrack-sdk/mlflow";

/** The x-axis of a metric chart, named as in MLflow's UI. */
export type XAxis = "step" | "time" | "time-relative";

/** One metric point placed on the chosen x-axis; `y` is the raw value, NaN and ±Infinity included. */
export interface SeriesPoint {
  x: number;
  y: number;
  step: number;
  timestamp: number;
}

/** Places a metric history on `xAxis`: the step, wall time (epoch ms) or ms since the earliest point. */
export function toSeriesPoints(history: readonly Metric[], xAxis: XAxis): SeriesPoint[] {
  let origin = 0;
  if (xAxis === "time-relative") {
    origin = Infinity;
    for (const metric of history) if (metric.timestamp < origin) origin = metric.timestamp;
  }
  return history.map((metric) => ({
    x: xAxis === "step" ? metric.step : metric.timestamp - origin,
    y: metric.value,
    step: metric.step,
    timestamp: metric.timestamp,
  }));
}
