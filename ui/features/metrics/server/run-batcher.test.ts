import { MlflowNotFoundError } from "mltrack-sdk/mlflow";
import { describe, expect, it } from "vitest";
import { createLimiter } from "./limiter";
import { createRunBatcher } from "./run-batcher";
import { points, scriptedMlflow, type ScriptedRun } from "./scripted-mlflow.test-helper";

const manyRuns = (n: number, experimentId = (i: number) => String(i % 3)) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i): [string, ScriptedRun] => [
      `r${i}`,
      { status: "FINISHED", experimentId: experimentId(i), histories: { loss: points(3, (s) => i + s) } },
    ]),
  );

describe("createRunBatcher", () => {
  it("reads unlocated runs with runs/get once, then every later read of them in one runs/search per 100 ids", async () => {
    const runs = manyRuns(250);
    const scripted = scriptedMlflow(runs);
    const run = createRunBatcher({ limit: createLimiter(4) });
    const ids = Object.keys(runs);

    const first = await Promise.all(ids.map((id) => run(scripted.mlflow, id)));
    expect(first.map((r) => r.info.runId)).toEqual(ids);
    expect(scripted.runCalls).toHaveLength(250);
    expect(scripted.searchCalls).toEqual([]);

    const second = await Promise.all(ids.map((id) => run(scripted.mlflow, id)));
    expect(second.map((r) => [r.info.runId, r.info.experimentId, r.data.metrics.loss?.value])).toEqual(
      ids.map((id, i) => [id, String(i % 3), i + 2]),
    );
    expect(scripted.runCalls).toHaveLength(250);
    expect(scripted.searchCalls.map((c) => c.runIds.length)).toEqual([100, 100, 50]);
    expect(scripted.searchCalls[0]!.experimentIds.sort()).toEqual(["0", "1", "2"]);
    expect(scripted.maxInFlight).toBeLessThanOrEqual(4);
  });

  it("reports an id MLflow does not know with MLflow's own not-found error, in a batch of known ones", async () => {
    const scripted = scriptedMlflow(manyRuns(3));
    const run = createRunBatcher({ limit: createLimiter(4) });
    await Promise.all(["r0", "r1"].map((id) => run(scripted.mlflow, id)));
    const [known, unknown] = await Promise.allSettled([run(scripted.mlflow, "r0"), run(scripted.mlflow, "nope")]);
    expect(known).toMatchObject({ status: "fulfilled", value: { info: { runId: "r0" } } });
    expect(unknown).toMatchObject({ status: "rejected" });
    expect((unknown as PromiseRejectedResult).reason).toBeInstanceOf(MlflowNotFoundError);
  });

  it("falls back to runs/get per run when the search fails", async () => {
    const scripted = scriptedMlflow(manyRuns(5), { failSearches: true });
    const run = createRunBatcher({ limit: createLimiter(2) });
    await Promise.all(["r0", "r1", "r2"].map((id) => run(scripted.mlflow, id)));
    const again = await Promise.all(["r0", "r1", "r2"].map((id) => run(scripted.mlflow, id)));
    expect(again.map((r) => r.info.runId)).toEqual(["r0", "r1", "r2"]);
    expect(scripted.searchCalls).toHaveLength(1);
    expect(scripted.runCalls).toHaveLength(6);
  });

  it("forgets the oldest locations past its bound: a forgotten run is read with runs/get again", async () => {
    const scripted = scriptedMlflow(manyRuns(3));
    const run = createRunBatcher({ limit: createLimiter(1), located: 2 });
    for (const id of ["r0", "r1", "r2"]) await run(scripted.mlflow, id);
    await Promise.all(["r0", "r1", "r2"].map((id) => run(scripted.mlflow, id)));
    expect(scripted.runCalls).toEqual(["r0", "r1", "r2", "r0"]);
    expect(scripted.searchCalls.map((c) => c.runIds)).toEqual([["r1", "r2"]]);
  });
});
