import { describe, expect, it } from "vitest";
import { paramRows } from "./params-diff";

const run = (params: Record<string, string>) => ({ params });

describe("paramRows", () => {
  const runs = [
    run({ lr: "0.1", model: "a", seed: "1" }),
    run({ lr: "0.1", model: "b", seed: "1", extra: "x" }),
    run({ lr: "0.1", model: "a", seed: "1" }),
  ];

  it("lists every key once, sorted, with values in the runs' order and null where missing", () => {
    const rows = paramRows(runs);
    expect(rows.map((row) => row.key)).toEqual(["extra", "lr", "model", "seed"]);
    expect(rows[0]!.values).toEqual([null, "x", null]);
    expect(rows.map((row) => row.differs)).toEqual([true, false, true, false]);
  });

  it("only differences: leaves out params equal in every run, a missing value counting as different", () => {
    expect(paramRows(runs, { onlyDiff: true }).map((row) => row.key)).toEqual(["extra", "model"]);
  });

  it("highlights the cells away from the most common value, or all of them on a tie", () => {
    const [extra, , model] = paramRows(runs);
    expect(model!.highlighted).toEqual([false, true, false]);
    expect(extra!.highlighted).toEqual([false, true, false]);
    const tie = paramRows([run({ k: "a" }), run({ k: "b" })]);
    expect(tie[0]!.highlighted).toEqual([true, true]);
    const equal = paramRows([run({ k: "a" }), run({ k: "a" })]);
    expect(equal[0]).toMatchObject({ differs: false, highlighted: [false, false] });
  });

  it("compares values as text exactly (no number parsing: 0.10 and 0.1 differ)", () => {
    expect(paramRows([run({ lr: "0.10" }), run({ lr: "0.1" })], { onlyDiff: true })).toHaveLength(1);
  });

  it("one run: nothing differs; no runs: no rows", () => {
    expect(paramRows([run({ a: "1" })], { onlyDiff: true })).toEqual([]);
    expect(paramRows([])).toEqual([]);
  });

  it("keeps keys such as __proto__ as plain params", () => {
    const rows = paramRows([{ params: JSON.parse('{"__proto__": "x"}') as Record<string, string> }, run({})]);
    expect(rows).toEqual([{ key: "__proto__", values: ["x", null], differs: true, highlighted: [true, true] }]);
  });
});
