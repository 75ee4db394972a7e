import { describe, expect, it } from "vitest";
import type { RunColumn } from "../columns";
import { projectRun } from "./project-run";
import { fixtureRun } from "./run-fixture.test-helper";

const run = fixtureRun({
  runId: "r1",
  startTime: 1_000,
  endTime: 61_000,
  metrics: { loss: 0.25, acc: Number.POSITIVE_INFINITY, bad: Number.NaN },
  params: { lr: "0.01", secret: "hunter2" },
  tags: {
    "mlflow.source.name": "train.py",
    "mlflow.source.git.commit": "abc123",
    "mlflow.parentRunId": "p0",
    team: "vision",
  },
});

describe("projectRun", () => {
  it("keeps exactly the asked columns, in order, and nothing else of the run", () => {
    const columns: RunColumn[] = [
      { type: "attribute", key: "runName" },
      { type: "attribute", key: "duration" },
      { type: "attribute", key: "source" },
      { type: "attribute", key: "gitCommit" },
      { type: "attribute", key: "userId" },
      { type: "param", key: "lr" },
      { type: "tag", key: "team" },
      { type: "param", key: "missing" },
    ];
    const row = projectRun(run, columns);
    expect(row).toEqual({
      runId: "r1",
      experimentId: "1",
      status: "FINISHED",
      startTime: 1_000,
      parentRunId: "p0",
      cells: ["r1", 60_000, "train.py", "abc123", "ada", "0.01", "vision", null],
    });
    expect(JSON.stringify(row)).not.toContain("hunter2");
  });

  it("encodes NaN and infinities so they survive JSON, and reads min and max from the given extremes", () => {
    const columns: RunColumn[] = [
      { type: "metric", key: "loss", aggregate: "last" },
      { type: "metric", key: "acc", aggregate: "last" },
      { type: "metric", key: "bad", aggregate: "last" },
      { type: "metric", key: "loss", aggregate: "min" },
      { type: "metric", key: "loss", aggregate: "max" },
      { type: "metric", key: "absent", aggregate: "max" },
    ];
    const row = projectRun(run, columns, new Map([["loss", { min: 0.1, max: 4 }]]));
    expect(JSON.parse(JSON.stringify(row.cells))).toEqual([
      0.25,
      { nonFinite: "Infinity" },
      { nonFinite: "NaN" },
      0.1,
      4,
      null,
    ]);
  });

  it("leaves a running run's duration to the browser", () => {
    const running = fixtureRun({ runId: "r2", startTime: 5, status: "RUNNING" });
    expect(projectRun(running, [{ type: "attribute", key: "duration" }]).cells).toEqual([null]);
  });
});
