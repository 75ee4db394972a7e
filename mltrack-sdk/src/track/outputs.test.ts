import { describe, expect, it } from "vitest";
import { captureOutput, MAX_OUTPUT_METRICS } from "./outputs";

describe("the return value", () => {
  it("gives its numeric fields as metrics (dotted when nested) and the rest as the artifact", () => {
    const { metrics, rest } = captureOutput({
      accuracy: 0.93,
      loss: { train: 0.1, val: Number.NaN },
      model: "resnet",
      predictions: [1, 2, 3],
      ok: true,
    });
    expect(metrics).toEqual({ accuracy: 0.93, "loss.train": 0.1, "loss.val": Number.NaN });
    expect(rest).toEqual({ model: "resnet", predictions: [1, 2, 3], ok: true });
  });

  it("logs a bare number as the `output` metric, and anything else whole", () => {
    expect(captureOutput(0.5)).toEqual({ metrics: { output: 0.5 }, rest: undefined });
    expect(captureOutput("done")).toEqual({ metrics: {}, rest: "done" });
    expect(captureOutput(undefined)).toEqual({ metrics: {}, rest: undefined });
    const map = new Map([["a", 1]]);
    expect(captureOutput(map).rest).toBe(map);
  });

  it("leaves nothing when every field is a metric", () => {
    expect(captureOutput({ a: 1, b: { c: 2 } })).toEqual({ metrics: { a: 1, "b.c": 2 }, rest: undefined });
  });

  it("keeps fields with names MLflow refuses, and metrics beyond the bound, in the artifact", () => {
    const many = Object.fromEntries(Array.from({ length: MAX_OUTPUT_METRICS + 1 }, (_, i) => [`m${i}`, i]));
    const { metrics, rest } = captureOutput({ ...many, "a=b": 1 });
    expect(Object.keys(metrics)).toHaveLength(MAX_OUTPUT_METRICS);
    expect(rest).toEqual({ [`m${MAX_OUTPUT_METRICS}`]: MAX_OUTPUT_METRICS, "a=b": 1 });
  });
});
