import { describe, expect, it } from "vitest";
import { bestOf, metricKeysOf, summarizeHistory } from "./metric-summary";

const columns = (points: [step: number, value: number][]) => ({
  steps: Float64Array.from(points.map(([step]) => step)),
  values: Float64Array.from(points.map(([, value]) => value)),
});

describe("summarizeHistory", () => {
  it("finds min and max and the step of each, in any order of steps", () => {
    const summary = summarizeHistory(
      columns([
        [3, 0.5],
        [0, 2],
        [1, 0.25],
        [2, 4],
      ]),
    );
    expect(summary).toEqual({ points: 4, min: 0.25, minStep: 1, max: 4, maxStep: 2, nan: 0 });
  });

  it("on a tie, takes the earliest step", () => {
    const summary = summarizeHistory(
      columns([
        [5, 1],
        [2, 1],
        [9, 1],
      ]),
    );
    expect(summary).toMatchObject({ min: 1, minStep: 2, max: 1, maxStep: 2 });
  });

  it("counts NaN apart and keeps infinities as extremes", () => {
    const summary = summarizeHistory(
      columns([
        [0, Number.NaN],
        [1, 3],
        [2, Infinity],
        [3, Number.NaN],
        [4, -Infinity],
        [5, 1],
      ]),
    );
    expect(summary).toEqual({ points: 6, min: -Infinity, minStep: 4, max: Infinity, maxStep: 2, nan: 2 });
  });

  it("a history of NaN only, or none at all, has no extremes", () => {
    expect(summarizeHistory(columns([[0, Number.NaN]]))).toEqual({
      points: 1,
      min: null,
      minStep: null,
      max: null,
      maxStep: null,
      nan: 1,
    });
    expect(summarizeHistory(columns([]))).toEqual({
      points: 0,
      min: null,
      minStep: null,
      max: null,
      maxStep: null,
      nan: 0,
    });
  });

  it("handles a long history with one spike", () => {
    const n = 100_000;
    const steps = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) [steps[i], values[i]] = [i, 1 / (1 + i)];
    values[54_321] = 1e6;
    expect(summarizeHistory({ steps, values })).toMatchObject({
      max: 1e6,
      maxStep: 54_321,
      min: 1 / n,
      minStep: n - 1,
    });
  });
});

describe("bestOf", () => {
  const summary = { min: 0.1, minStep: 7, max: 0.9, maxStep: 3 };
  it("lower is better: the min and its step; higher: the max and its step", () => {
    expect(bestOf(summary, "min")).toEqual({ value: 0.1, step: 7 });
    expect(bestOf(summary, "max")).toEqual({ value: 0.9, step: 3 });
  });
});

describe("metricKeysOf", () => {
  it("is every key any run logged, once, sorted", () => {
    expect(metricKeysOf([{ metrics: { loss: 1, acc: 2 } }, { metrics: { loss: 3, f1: 4 } }, { metrics: {} }])).toEqual([
      "acc",
      "f1",
      "loss",
    ]);
  });
});
