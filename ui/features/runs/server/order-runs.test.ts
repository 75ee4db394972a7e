import { describe, expect, it } from "vitest";
import type { Run } from "mltrack-sdk/mlflow";
import { runComparator } from "./order-runs";
import { fixtureRun } from "./run-fixture.test-helper";

const run = (runId: string, startTime: number, loss?: number, model?: string) =>
  fixtureRun({
    runId,
    startTime,
    metrics: loss === undefined ? {} : { loss },
    params: model === undefined ? {} : { model },
  });

const ids = (runs: Run[]) => runs.map((r) => r.info.runId);

describe("runComparator (MLflow's SQL store order)", () => {
  const runs = [run("r1", 1, 0.5), run("r2", 2), run("r3", 3, Number.NaN), run("r4", 4, 0.1), run("r5", 5, 0.5)];

  it("puts values first, then NaN, then missing, in both directions", () => {
    const loss = { type: "metric" as const, key: "loss" };
    expect(ids([...runs].sort(runComparator([{ column: loss, descending: false }])))).toEqual([
      "r4",
      "r5",
      "r1",
      "r3",
      "r2",
    ]);
    expect(ids([...runs].sort(runComparator([{ column: loss, descending: true }])))).toEqual([
      "r5",
      "r1",
      "r4",
      "r3",
      "r2",
    ]);
  });

  it("breaks ties by start time (latest first) unless ordered by it, then by run id", () => {
    expect(ids([...runs].sort(runComparator([])))).toEqual(["r5", "r4", "r3", "r2", "r1"]);
    const same = [run("b", 1), run("a", 1), run("c", 1)];
    expect(
      ids(same.sort(runComparator([{ column: { type: "attribute", key: "startTime" }, descending: true }]))),
    ).toEqual(["a", "b", "c"]);
  });

  it("compares params as strings", () => {
    const byModel = [run("x", 1, undefined, "10"), run("y", 2, undefined, "9"), run("z", 3, undefined, "100")];
    const order = runComparator([{ column: { type: "param", key: "model" }, descending: false }]);
    expect(ids(byModel.sort(order))).toEqual(["x", "z", "y"]);
  });
});
