import { describe, expect, it } from "vitest";
import type { RunColumn } from "./columns";
import type { RunRow } from "./schemas";
import { compareValues, sortRows } from "./sort-rows";

const columns: RunColumn[] = [
  { type: "attribute", key: "runName" },
  { type: "metric", key: "loss", aggregate: "last" },
  { type: "param", key: "lr" },
  { type: "metric", key: "loss", aggregate: "min" },
];
const row = (runId: string, cells: RunRow["cells"]): RunRow => ({
  runId,
  experimentId: "1",
  status: "FINISHED",
  startTime: null,
  parentRunId: null,
  cells,
});
const ids = (rows: RunRow[]) => rows.map((r) => r.runId);
const loss = { type: "metric", key: "loss", aggregate: "last" } as const;

describe("sortRows (MLflow's order, in the browser)", () => {
  const rows = [
    row("r1", ["a", 0.5, "10", 0.1]),
    row("r2", ["b", null, "9", null]),
    row("r3", ["c", { nonFinite: "NaN" }, "0.01", 0.2]),
    row("r4", ["d", 0.1, "1e-3", 0.05]),
    row("r5", ["e", 0.5, null, 0.3]),
    row("r6", ["f", { nonFinite: "Infinity" }, "abc", 0.3]),
    row("r7", ["g", { nonFinite: "-Infinity" }, "", 0.3]),
  ];

  it("puts values first, then NaN, then missing values, in both directions, ties in input order", () => {
    expect(ids(sortRows(rows, columns, [{ column: loss, descending: false }]))).toEqual([
      "r7",
      "r4",
      "r1",
      "r5",
      "r6",
      "r3",
      "r2",
    ]);
    expect(ids(sortRows(rows, columns, [{ column: loss, descending: true }]))).toEqual([
      "r6",
      "r1",
      "r5",
      "r4",
      "r7",
      "r3",
      "r2",
    ]);
  });

  it("compares params that read as numbers numerically, other text after them by code unit", () => {
    const lr = { type: "param", key: "lr" } as const;
    expect(ids(sortRows(rows, columns, [{ column: lr, descending: false }]))).toEqual([
      "r4",
      "r3",
      "r2",
      "r1",
      "r6",
      "r5",
      "r7",
    ]);
  });

  it("applies later keys to ties of earlier ones, and tells the min column from the last one", () => {
    const min = { type: "metric", key: "loss", aggregate: "min" } as const;
    const sorted = sortRows(rows, columns, [
      { column: min, descending: true },
      { column: { type: "attribute", key: "runName" }, descending: true },
    ]);
    expect(ids(sorted)).toEqual(["r7", "r6", "r5", "r3", "r1", "r4", "r2"]);
  });

  it("ignores keys on columns the view does not show, and never mutates its input", () => {
    const before = ids(rows);
    expect(ids(sortRows(rows, columns, [{ column: { type: "tag", key: "team" }, descending: true }]))).toEqual(before);
    expect(ids(rows)).toEqual(before);
  });

  it("compareValues: numbers, numeric text and text", () => {
    expect(compareValues("9", "10")).toBeLessThan(0);
    expect(compareValues("B", "a")).toBeLessThan(0);
    expect(compareValues(2, "x")).toBeLessThan(0);
    expect(compareValues("1e2", 99)).toBeGreaterThan(0);
  });
});
