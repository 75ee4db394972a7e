import { describe, expect, it } from "vitest";
import { downsampleSeries, toSeriesPoints } from "@/features/compare/prepare";
import { bucketsFor, chartModel, sampledNote, singleValueOf } from "./chart-model";
import type { MetricSeries } from "./schemas";

const T0 = 1_700_000_000_000;

/** A series as the server sends it, built with the same preparation functions. */
function series(values: number[], buckets = 1000, range?: { from: number; to: number }): MetricSeries {
  const history = values.map((value, step) => ({ step, timestamp: T0 + step * 1000, value }));
  const s = downsampleSeries(toSeriesPoints(history, "step"), { buckets, ...(range ? { range } : {}) });
  return {
    runId: "r",
    key: "loss",
    points: s.points,
    markers: s.markers,
    totalPoints: s.totalPoints,
    sampled: s.sampled,
    xMin: s.xMin ?? null,
    xMax: s.xMax ?? null,
    yMin: s.yMin ?? null,
    yMax: s.yMax ?? null,
  };
}

describe("chartModel", () => {
  it("scales the y-axis to the drawn points, so a kept spike sets the top tick", () => {
    const values = Array.from({ length: 20_000 }, (_, step) => (step === 12_345 ? 1e6 : 1 / (1 + step)));
    const model = chartModel(series(values, 300), { xAxis: "step", logY: false });
    expect(model.yScale.domain[1]).toBe(1e6);
    expect(model.yScale.ticks.at(-1)).toBe(1e6);
    expect(model.xDomain).toEqual([0, 19_999]);
    expect(model.xTicks).toEqual([0, 5000, 10_000, 15_000]);
    expect(model.drawnPoints).toBeLessThanOrEqual(1200);
  });

  it("pins NaN and +Infinity along the top edge and -Infinity along the bottom", () => {
    const model = chartModel(series([0.2, NaN, 0.4, Infinity, 0.9, -Infinity]), { xAxis: "step", logY: false });
    expect(model.yScale.domain).toEqual([0.2, 0.9]);
    // Just inside the edges (4% of the axis), so their symbols are not cut off.
    expect(model.markers.map((m) => [m.x, m.kind, m.y.toFixed(3)])).toEqual([
      [1, "nan", "0.872"],
      [3, "+inf", "0.872"],
      [5, "-inf", "0.228"],
    ]);
    const log = chartModel(series([0.01, NaN, 100]), { xAxis: "step", logY: true });
    expect(log.markers[0]!.y).toBeCloseTo(10 ** (2 - 4 * 0.04));
  });

  it("leaves out values ≤ 0 on a log axis, counting them", () => {
    const model = chartModel(series([0, 0.01, 10, -1, 100]), { xAxis: "step", logY: true });
    expect(model.points.map((p) => p.y)).toEqual([null, 0.01, 10, null, 100]);
    expect(model.hiddenOnLog).toBe(2);
    expect(model.yScale.domain).toEqual([0.01, 100]);
  });

  it("spans a zoom exactly, and widens a single x", () => {
    const zoomed = chartModel(series([1, 2, 3, 4, 5, 6], 1000, { from: 2, to: 4 }), {
      xAxis: "step",
      logY: false,
      range: { from: 2, to: 4 },
    });
    expect(zoomed.xDomain).toEqual([2, 4]);
    expect(zoomed.points.map((p) => p.step)).toEqual([2, 3, 4]);
    expect(chartModel(series([7]), { xAxis: "step", logY: false }).xDomain).toEqual([-1, 1]);
    expect(chartModel(series([1, 2, 3]), { xAxis: "step", logY: false }).xTicks).toEqual([0, 1, 2]);
    expect(chartModel(series([7]), { xAxis: "time", logY: false }).xDomain).toEqual([-1000, 1000]);
  });
});

describe("singleValueOf", () => {
  it("turns a one-point series into a value with its step", () => {
    expect(singleValueOf(series([0.93]), false)).toEqual({ value: 0.93, step: 0, timestamp: T0 });
    expect(singleValueOf(series([NaN]), false)?.value).toBeNaN();
    expect(singleValueOf(series([1, 2]), false)).toBeUndefined();
    expect(singleValueOf(series([0.93]), true)).toBeUndefined();
  });
});

describe("sampledNote", () => {
  it("says how many points are drawn of how many, only when sampled", () => {
    expect(sampledNote({ ...series([1]), sampled: true, totalPoints: 100_000 }, 1000)).toBe(
      "sampled: 1,000 of 100,000 points (every spike kept)",
    );
    expect(sampledNote(series([1, 2]), 2)).toBeUndefined();
  });
});

describe("bucketsFor", () => {
  it("asks about one bucket per pixel, in steps of 100, within 100..1000", () => {
    expect([0, 1, 100, 101, 437, 999, 1000, 2400].map(bucketsFor)).toEqual([100, 100, 100, 200, 500, 1000, 1000, 1000]);
  });
});
