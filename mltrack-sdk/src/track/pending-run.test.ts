/**
 * `track()` when MLflow cannot be reached at run start: the run is handed to the pipeline as a pending
 * run (its creation first, then everything logged to it, under a placeholder id), and only a refusal
 * by MLflow drops it. The pipeline's side (resolving, spooling, replaying) is in pipeline/pending.test.ts
 * and, against a real MLflow, tests/integration/sdk-offline.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MLFLOW_TAGS, MLTRACK_ARTIFACTS, MLTRACK_TAGS } from "../mlflow/tags";
import type { LogPipeline } from "../pipeline/types";
import { currentRun } from "./context";
import { flush } from "./lifecycle";
import { _testing } from "./testing";
import { harness } from "./testing/harness";
import type { PipelineCall } from "./testing/recording-pipeline";
import { configureTracking, track } from "./track";

let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  _testing.resetWarnings();
  _testing.clearTrackers();
  _testing.setRetryDelays([1, 1]);
  configureTracking({});
  warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
  vi.unstubAllEnvs();
});

const PLACEHOLDER = /^mltrack-pending:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type CreateCall = Extract<PipelineCall, { method: "createRun" }>;
const creations = (calls: PipelineCall[]) => calls.filter((c): c is CreateCall => c.method === "createRun");

describe("a run started while MLflow is unreachable", () => {
  it("goes to the pipeline: its creation first, then every held and later call, under a placeholder id", async () => {
    const { target, server, pipeline } = harness({ down: true });
    const started = Date.now();
    const train = track(
      (_lr: number) => {
        for (let step = 0; step < 3; step++) currentRun().log({ loss: 1 / (step + 1) });
        currentRun().setTags({ phase: "done" });
        return { accuracy: 0.9 };
      },
      { ...target, experiment: "offline-exp", runName: "offline", params: ["lr"], tags: { team: "a" } },
    );
    expect(train(0.1)).toEqual({ accuracy: 0.9 });
    await flush();

    expect(server.runs).toEqual([]);
    const [create] = creations(pipeline.calls);
    expect(create!.runId).toMatch(PLACEHOLDER);
    expect(create!.run).toMatchObject({
      experiment: { name: "offline-exp" },
      runName: "offline",
      tags: { team: "a", [MLTRACK_TAGS.category]: "ml", [MLTRACK_TAGS.clientRunId]: create!.run.clientRunId },
    });
    expect(create!.runId).toBe(`mltrack-pending:${create!.run.clientRunId}`);
    expect(create!.run.startTime).toBeGreaterThanOrEqual(started);
    expect(create!.run.parentRunId).toBeUndefined();
    expect(create!.run.tags[MLFLOW_TAGS.parentRunId]).toBeUndefined();

    // Everything for the run, in order, after its creation; no call names any other id.
    const runCalls = pipeline.calls.filter((c) => c.runId === create!.runId);
    expect(runCalls.map((c) => c.method)).toEqual([
      "createRun",
      "logParams",
      "logMetrics",
      "logMetrics",
      "logMetrics",
      "setTags",
      "logMetrics",
      "logMetrics",
      "endRun",
    ]);
    expect(pipeline.calls.every((c) => c.runId === create!.runId)).toBe(true);
    expect(pipeline.params(create!.runId)).toEqual({ lr: "0.1" });
    expect(pipeline.points(create!.runId).map((p) => [p.key, p.step, p.value])).toEqual([
      ["loss", 0, 1],
      ["loss", 1, 0.5],
      ["loss", 2, 1 / 3],
      ["accuracy", 3, 0.9],
    ]);
    expect(pipeline.end(create!.runId)?.status).toBe("FINISHED");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/could not be reached to create run "offline"; it is kept/);
  });

  it("ends FAILED through the pipeline, and its artifacts go to the pipeline's spool (logArtifact)", async () => {
    const { target, pipeline } = harness({ down: true });
    const error = new Error("diverged");
    const fail = track(
      () => {
        currentRun().logText("notes", "notes.txt");
        throw error;
      },
      { ...target, runName: "offline-failure" },
    );
    expect(() => fail()).toThrow(error);
    await flush();
    const [create] = creations(pipeline.calls);
    const artifacts = pipeline.calls.filter((c) => c.method === "logArtifact");
    expect(artifacts.map((c) => [c.runId, c.path])).toEqual([
      [create!.runId, "notes.txt"],
      [create!.runId, MLTRACK_ARTIFACTS.error],
    ]);
    expect(new TextDecoder().decode(artifacts[0]!.method === "logArtifact" ? artifacts[0]!.bytes : undefined)).toBe(
      "notes",
    );
    expect(pipeline.end(create!.runId)?.status).toBe("FAILED");
    expect(pipeline.tags(create!.runId)[MLTRACK_TAGS.errorMessage]).toBe("Error: diverged");
  });

  it("goes to the default experiment by id when none is named, MLFLOW_EXPERIMENT_NAME's when set", async () => {
    const { target, pipeline } = harness({ down: true });
    track(() => 1, { ...target, runName: "default" })();
    vi.stubEnv("MLFLOW_EXPERIMENT_NAME", "from-env");
    track(() => 2, { ...target, runName: "env" })();
    await flush();
    const where = Object.fromEntries(creations(pipeline.calls).map((c) => [c.run.runName, c.run.experiment]));
    expect(where).toEqual({ default: { id: "0" }, env: { name: "from-env" } });
  });

  it("makes a nested call of a pending parent pending too, under the parent's placeholder and experiment", async () => {
    const { target, server, pipeline } = harness({ down: true });
    const inner = track(() => currentRun().log({ inner: 1 }), { ...target, runName: "child" });
    const outer = track(
      () => {
        inner();
        return "done";
      },
      { ...target, experiment: "nested-offline", runName: "parent" },
    );
    expect(outer()).toBe("done");
    await flush();
    expect(server.runs).toEqual([]);
    const [parent, child] = creations(pipeline.calls);
    expect(parent!.run.runName).toBe("parent");
    expect(child!.run).toMatchObject({
      runName: "child",
      experiment: { name: "nested-offline" },
      parentRunId: parent!.runId,
    });
    expect(child!.run.tags[MLFLOW_TAGS.parentRunId]).toBeUndefined();
    expect(pipeline.points(child!.runId).map((p) => p.key)).toEqual(["inner"]);
  });

  it("a nested call under a created parent keeps the parent's real id when MLflow goes away in between", async () => {
    const { target, server, pipeline } = harness();
    const inner = track(() => 1, { ...target, runName: "late-child" });
    const outer = track(
      async () => {
        await currentRun().runId; // the parent is created
        server.goDown();
        return inner();
      },
      { ...target, runName: "early-parent" },
    );
    expect(await outer()).toBe(1);
    await flush();
    const parent = server.runs.find((r) => r.runName === "early-parent")!;
    const [child] = creations(pipeline.calls);
    expect(child!.run).toMatchObject({ runName: "late-child", parentRunId: parent.runId, experiment: { id: "0" } });
  });

  it("keeps an artifact of a created run that MLflow cannot take after its retries: to the pipeline's spool, under the real id", async () => {
    const { target, server, pipeline } = harness();
    const train = track(
      async () => {
        await currentRun().runId; // created
        server.goDown();
        currentRun().logText("late notes", "notes.txt");
      },
      { ...target, runName: "late-artifact" },
    );
    await train();
    await flush();
    const [run] = server.runs;
    const kept = pipeline.calls.filter((c) => c.method === "logArtifact");
    expect(kept.map((c) => [c.runId, c.method === "logArtifact" && c.path])).toEqual([[run!.runId, "notes.txt"]]);
    expect(new TextDecoder().decode(kept[0]!.method === "logArtifact" ? kept[0]!.bytes : undefined)).toBe("late notes");
    expect(String(warn.mock.calls[0]![0])).toMatch(/"notes.txt" could not be uploaded now; it is kept in the spool/);
  });

  it("is dropped with a warning when MLflow refuses it (a deleted experiment), as before", async () => {
    const { target, pipeline } = harness({ deletedExperiments: ["gone"] });
    track(() => currentRun().log({ a: 1 }), { ...target, experiment: "gone" })();
    await flush();
    expect(creations(pipeline.calls)).toEqual([]);
    expect(pipeline.calls).toEqual([]);
    expect(String(warn.mock.calls[0]![0])).toMatch(/MLflow could not create the run.*is deleted in MLflow/s);
  });

  it("is dropped with a warning when the pipeline in use cannot keep pending runs", async () => {
    const { client } = harness({ down: true });
    const calls: string[] = [];
    const minimal: LogPipeline = {
      logMetrics: () => void calls.push("logMetrics"),
      logParams: () => void calls.push("logParams"),
      setTags: () => void calls.push("setTags"),
      endRun: () => void calls.push("endRun"),
      flush: async () => undefined,
      shutdown: async () => undefined,
    };
    expect(track((x: number) => x + 1, { client, pipeline: minimal })(1)).toBe(2);
    await flush();
    expect(calls).toEqual([]);
    expect(String(warn.mock.calls[0]![0])).toMatch(/MLflow could not create the run/);
  });
});
