import { describe, expect, it } from "vitest";
import { shownRuns } from "../axis-values";
import { buildAxis, type ChartAxis } from "./axes";
import { brushFromPixels, brushToPixels, picksFromPixels, shiftBrush, withBrush, withPick } from "./brush";
import { compareRun } from "./run-fixture.test-helper";

type NumericAxis = Extract<ChartAxis, { kind: "numeric" }>;
const linear = (runs = [compareRun("a", {}, { loss: 0 }), compareRun("b", {}, { loss: 10 })]) =>
  buildAxis("metric:loss", runs) as NumericAxis;

describe("brush math", () => {
  it("turns a drag in pixels into a value range, either direction, clamped to the axis", () => {
    const axis = linear();
    expect(brushFromPixels(axis, 50, 150, 200)).toEqual({ axis: "metric:loss", from: 2.5, to: 7.5 });
    expect(brushFromPixels(axis, 150, 50, 200)).toEqual({ axis: "metric:loss", from: 2.5, to: 7.5 });
    expect(brushFromPixels(axis, -40, 300, 200)).toEqual({ axis: "metric:loss", from: 0, to: 10 });
  });

  it("turns a value range back into pixels", () => {
    const axis = linear();
    expect(brushToPixels(axis, { axis: "metric:loss", from: 2.5, to: 7.5 }, 200)).toEqual({ top: 50, bottom: 150 });
    expect(brushToPixels(axis, { axis: "metric:loss", from: -5, to: 50 }, 200)).toEqual({ top: 0, bottom: 200 });
  });

  it("round-trips on a log axis", () => {
    const axis = buildAxis("param:lr", [
      compareRun("a", { lr: "0.0001" }),
      compareRun("b", { lr: "1" }),
    ]) as NumericAxis;
    expect(axis.log).toBe(true);
    const brush = brushFromPixels(axis, 50, 100, 200);
    expect(brush.from).toBeCloseTo(0.01, 8);
    expect(brush.to).toBeCloseTo(0.1, 8);
    const pixels = brushToPixels(axis, brush, 200);
    expect(pixels.top).toBeCloseTo(50, 3);
    expect(pixels.bottom).toBeCloseTo(100, 3);
  });

  it("a brushed range narrows the shown runs", () => {
    const runs = [0, 2, 4, 6, 8, 10].map((loss) => compareRun(`r${loss}`, {}, { loss }));
    const brush = brushFromPixels(linear(runs), 0, 100, 200);
    expect(brush).toEqual({ axis: "metric:loss", from: 5, to: 10 });
    expect(shownRuns(runs, { hidden: [], brushes: [brush] }).map((r) => r.runId)).toEqual(["r6", "r8", "r10"]);
  });

  it("replaces or clears one axis's brush, keeping the others", () => {
    const a = { axis: "metric:loss" as const, from: 0, to: 1 };
    const b = { axis: "param:lr" as const, from: 0, to: 1 };
    expect(withBrush([a, b], "metric:loss", { ...a, to: 2 })).toEqual([b, { ...a, to: 2 }]);
    expect(withBrush([a, b], "metric:loss", null)).toEqual([b]);
  });

  it("nudges a brush along the axis, stopping at its ends", () => {
    const axis = linear();
    const brush = { axis: "metric:loss" as const, from: 2, to: 4 };
    expect(shiftBrush(axis, brush, 0.1)).toEqual({ axis: "metric:loss", from: 3, to: 5 });
    expect(shiftBrush(axis, brush, -0.5)).toEqual({ axis: "metric:loss", from: 0, to: 2 });
    expect(shiftBrush(axis, { ...brush, to: 10 }, 0.1)).toEqual({ axis: "metric:loss", from: 2, to: 10 });
  });
});

describe("category picks", () => {
  const axis = buildAxis(
    "param:opt",
    ["adam", "rmsprop", "sgd"].map((opt) => compareRun(opt, { opt })),
  );
  if (axis.kind !== "categorical") throw new Error("categorical expected");

  it("picks the categories a drag covers", () => {
    // adam at the bottom (200 px), rmsprop in the middle (100 px), sgd at the top (0 px).
    expect(picksFromPixels(axis, 90, 210, 200)).toEqual({ axis: "param:opt", values: ["adam", "rmsprop"] });
    expect(picksFromPixels(axis, 10, -5, 200)).toEqual({ axis: "param:opt", values: ["sgd"] });
    // Starting a few pixels inside the axis's end still takes the category there.
    expect(picksFromPixels(axis, 197, 150, 200)).toEqual({ axis: "param:opt", values: ["adam"] });
    expect(picksFromPixels(axis, 180, 150, 200)).toEqual({ axis: "param:opt", values: [] });
    expect(picksFromPixels(axis, 20, 60, 200)).toEqual({ axis: "param:opt", values: [] });
  });

  it("a pick of nothing removes the axis's pick", () => {
    const pick = { axis: "param:opt" as const, values: ["sgd"] };
    expect(withPick([], "param:opt", pick)).toEqual([pick]);
    expect(withPick([pick], "param:opt", { axis: "param:opt", values: [] })).toEqual([]);
    expect(withPick([pick], "param:opt", null)).toEqual([]);
  });
});
