import { describe, expect, it } from "vitest";
import { axisValue, shownRuns } from "./axis-values";
import type { CompareRun } from "./schemas";

const run = (runId: string, lr: string, loss: CompareRun["metrics"][string]["value"], team?: string): CompareRun => ({
  runId,
  runName: runId,
  experimentId: "1",
  experimentName: "e",
  status: "FINISHED",
  startTime: null,
  endTime: null,
  params: { lr, opt: "adam" },
  metrics: loss === null ? {} : { loss: { value: loss, step: 3, timestamp: 0 } },
  tags: team ? { team } : {},
});

describe("axis values and the shown run set", () => {
  const runs = [
    run("a", "0.01", 0.5, "vision"),
    run("b", "0.1", { nonFinite: "NaN" }),
    run("c", "1e-3", 0.2),
    run("d", "x", null),
  ];

  it("reads params that look like numbers as numbers, metrics by their last value, NaN as missing", () => {
    expect(runs.map((r) => axisValue(r, "param:lr"))).toEqual([0.01, 0.1, 0.001, "x"]);
    expect(runs.map((r) => axisValue(r, "metric:loss"))).toEqual([0.5, null, 0.2, null]);
    expect(axisValue(runs[0]!, "tag:team")).toBe("vision");
    expect(axisValue(runs[0]!, "param:opt")).toBe("adam");
  });

  it("leaves out hidden runs and runs outside a brushed range", () => {
    expect(shownRuns(runs, { hidden: ["b"], brushes: [] }).map((r) => r.runId)).toEqual(["a", "c", "d"]);
    const brushed = shownRuns(runs, { hidden: [], brushes: [{ axis: "metric:loss", from: 0.1, to: 0.3 }] });
    expect(brushed.map((r) => r.runId)).toEqual(["c"]);
    const two = shownRuns(runs, {
      hidden: [],
      brushes: [
        { axis: "param:lr", from: 0, to: 0.05 },
        { axis: "metric:loss", from: 0, to: 1 },
      ],
    });
    expect(two.map((r) => r.runId)).toEqual(["a", "c"]);
  });

  it("leaves out runs whose value is not among the picked categories", () => {
    const picked = shownRuns(runs, { hidden: [], brushes: [], picks: [{ axis: "param:lr", values: ["x", "0.1"] }] });
    expect(picked.map((r) => r.runId)).toEqual(["b", "d"]);
    const none = shownRuns(runs, { hidden: [], brushes: [], picks: [{ axis: "tag:team", values: ["vision"] }] });
    expect(none.map((r) => r.runId)).toEqual(["a"]);
  });
});
