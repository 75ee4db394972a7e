import { describe, expect, it } from "vitest";
import { axisPosition, axisTicks, buildAxis, moveAxis, valueAtPosition } from "./axes";
import { compareRun } from "./run-fixture.test-helper";

describe("buildAxis", () => {
  it("scales a numeric param to its range with round ends", () => {
    const runs = [compareRun("a", { layers: "2" }), compareRun("b", { layers: "7" }), compareRun("c")];
    const axis = buildAxis("param:layers", runs);
    expect(axis).toEqual({
      id: "param:layers",
      kind: "numeric",
      log: false,
      domain: [2, 7],
      ticks: [2, 3, 4, 5, 6, 7],
    });
    expect(axisPosition(axis, 2)).toBe(0);
    expect(axisPosition(axis, 7)).toBe(1);
    expect(axisPosition(axis, 4.5)).toBe(0.5);
    expect(axisPosition(axis, null)).toBeNull();
  });

  it("goes log when positive values span three orders of magnitude", () => {
    const runs = [compareRun("a", { lr: "0.0001" }), compareRun("b", { lr: "0.1" }), compareRun("c", { lr: "0.001" })];
    const axis = buildAxis("param:lr", runs);
    expect(axis.kind === "numeric" && axis.log).toBe(true);
    if (axis.kind !== "numeric") throw new Error("numeric expected");
    expect(axis.domain).toEqual([0.0001, 0.1]);
    expect(axisPosition(axis, 0.001)).toBeCloseTo(1 / 3, 10);
    expect(valueAtPosition(axis, 2 / 3)).toBeCloseTo(0.01, 12);
    expect(axisPosition(axis, 0)).toBeNull();
  });

  it("stays linear when values span less, or include zero", () => {
    const narrow = buildAxis("param:lr", [compareRun("a", { lr: "0.01" }), compareRun("b", { lr: "0.5" })]);
    expect(narrow.kind === "numeric" && narrow.log).toBe(false);
    const withZero = buildAxis("param:wd", [compareRun("a", { wd: "0" }), compareRun("b", { wd: "1000" })]);
    expect(withZero.kind === "numeric" && withZero.log).toBe(false);
  });

  it("spreads text values evenly in natural order, and any text makes the axis categorical", () => {
    const runs = [
      compareRun("a", { opt: "sgd" }),
      compareRun("b", { opt: "adam" }),
      compareRun("c", { opt: "adamw" }),
      compareRun("d", { opt: "adam" }),
    ];
    const axis = buildAxis("param:opt", runs);
    expect(axis).toEqual({ id: "param:opt", kind: "categorical", categories: ["adam", "adamw", "sgd"] });
    expect(axisPosition(axis, "adam")).toBe(0);
    expect(axisPosition(axis, "adamw")).toBe(0.5);
    expect(axisPosition(axis, "sgd")).toBe(1);
    expect(axisPosition(axis, "rmsprop")).toBeNull();
    const mixed = buildAxis("param:size", [
      compareRun("a", { size: "10" }),
      compareRun("b", { size: "auto" }),
      compareRun("c", { size: "9" }),
    ]);
    expect(mixed).toMatchObject({ kind: "categorical", categories: ["9", "10", "auto"] });
    expect(axisPosition(mixed, 10)).toBe(0.5);
  });

  it("puts a single category in the middle", () => {
    const axis = buildAxis("param:opt", [compareRun("a", { opt: "sgd" })]);
    expect(axisPosition(axis, "sgd")).toBe(0.5);
  });

  it("keeps infinite and NaN metrics off the axis without stretching it", () => {
    const runs = [
      compareRun("a", {}, { loss: 1 }),
      compareRun("b", {}, { loss: Infinity }),
      compareRun("c", {}, { loss: NaN }),
      compareRun("d", {}, { loss: 3 }),
    ];
    const axis = buildAxis("metric:loss", runs);
    expect(axis).toMatchObject({ kind: "numeric", domain: [1, 3] });
    expect(axisPosition(axis, Infinity)).toBeNull();
  });

  it("labels at most the asked number of categories", () => {
    const runs = Array.from({ length: 30 }, (_, i) => compareRun(`r${i}`, { name: `n${i}` }));
    const ticks = axisTicks(buildAxis("param:name", runs), 10);
    expect(ticks.length).toBeLessThanOrEqual(10);
    expect(ticks[0]).toEqual({ position: 0, value: "n0" });
  });
});

describe("moveAxis", () => {
  it("swaps an axis with its neighbour and leaves the ends and unknown ids alone", () => {
    const ids = ["param:a", "param:b", "metric:c"] as const;
    expect(moveAxis(ids, "param:b", -1)).toEqual(["param:b", "param:a", "metric:c"]);
    expect(moveAxis(ids, "param:b", 1)).toEqual(["param:a", "metric:c", "param:b"]);
    expect(moveAxis(ids, "param:a", -1)).toEqual([...ids]);
    expect(moveAxis(ids, "metric:c", 1)).toEqual([...ids]);
    expect(moveAxis(ids, "tag:x", 1)).toEqual([...ids]);
  });
});
