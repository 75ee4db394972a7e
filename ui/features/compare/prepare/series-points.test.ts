import type { Metric } from "mltrack-sdk/mlflow";
import { describe, expect, it } from "vitest";
import { toMetricColumns, toSeriesPoints } from "./series-points";

const history: Metric[] = [
  { key: "loss", value: 0.5, timestamp: 1_700_000_002_000, step: 1 },
  { key: "loss", value: NaN, timestamp: 1_700_000_001_000, step: 0 },
];

describe("toSeriesPoints", () => {
  it("places each metric point on the chosen x-axis, keeping its raw value", () => {
    expect(toSeriesPoints(history, "step").map((p) => [p.x, p.y])).toEqual([
      [1, 0.5],
      [0, NaN],
    ]);
    expect(toSeriesPoints(history, "time").map((p) => p.x)).toEqual([1_700_000_002_000, 1_700_000_001_000]);
    expect(toSeriesPoints(history, "time-relative")).toEqual([
      { x: 1000, y: 0.5, step: 1, timestamp: 1_700_000_002_000 },
      { x: 0, y: NaN, step: 0, timestamp: 1_700_000_001_000 },
    ]);
  });

  it("reads packed columns exactly as it reads the history they came from", () => {
    const columns = toMetricColumns([...history, { key: "loss", value: -Infinity, timestamp: 5, step: 2 ** 40 }]);
    expect(Array.from(columns.values)).toEqual([0.5, NaN, -Infinity]);
    expect(Array.from(columns.steps)).toEqual([1, 0, 2 ** 40]);
    for (const xAxis of ["step", "time", "time-relative"] as const) {
      expect(toSeriesPoints(columns, xAxis)).toEqual(
        toSeriesPoints([...history, { key: "loss", value: -Infinity, timestamp: 5, step: 2 ** 40 }], xAxis),
      );
    }
    expect(toSeriesPoints(toMetricColumns([]), "time-relative")).toEqual([]);
  });
});
