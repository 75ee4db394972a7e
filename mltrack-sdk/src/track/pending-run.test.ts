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

describe("a run logging more than can be held while it is created", () => {
  it("is handed to the pipeline, not dropped, when a loop never yields to let runs/create go out", async () => {
    const { target, server, pipeline } = harness();
    const steps = 25_000; // 10 keys a step: 250,000 values, past the 200,000 held at most
    const train = track(
      () => {
        for (let step = 0; step < steps; step++) {
          const metrics: Record<string, number> = {};
          for (let k = 0; k < 10; k++) metrics[`m${k}`] = step * 10 + k;
          currentRun().log(metrics, { step });
        }
        return "done";
      },
      { ...target, experiment: "blocked", runName: "blocked", captureOutputs: false },
    );
    expect(train()).toBe("done");
    await flush();

    // runs/create never went out before the hand-over: the pipeline creates the run, once.
    expect(server.runs).toEqual([]);
    const [create, ...more] = creations(pipeline.calls);
    expect(more).toEqual([]);
    expect(create!.runId).toMatch(PLACEHOLDER);
    expect(create!.after).toBeUndefined();
    expect(create!.run).toMatchObject({ experiment: { name: "blocked" }, runName: "blocked" });
    const points = pipeline.points(create!.runId);
    expect(points).toHaveLength(steps * 10);
    expect(new Set(points.map((p) => `${p.key}@${p.step}`)).size).toBe(steps * 10);
    // The end follows every point (git tags, read meanwhile, may come after it as ordinary tags).
    const methods = pipeline.calls.filter((c) => c.runId === create!.runId).map((c) => c.method);
    expect(methods.lastIndexOf("logMetrics")).toBeLessThan(methods.indexOf("endRun"));
    expect(pipeline.calls).toContainEqual(expect.objectContaining({ method: "endRun", status: "FINISHED" }));
    expect(warn.mock.calls.flat().join(" ")).not.toMatch(/dropped/);
  });

  it("makes the pipeline wait for a runs/create already sent, so the run is found, not made twice", async () => {
    const { target, pipeline, server } = harness({ createDelayMs: 200 });
    const train = track(
      async () => {
        // Let runs/create go out, then log past the limit before its answer can be read.
        while (!server.requests.some((r) => r.path.endsWith("/runs/create")))
          await new Promise((r) => setTimeout(r, 1));
        for (let step = 0; step < 21_000; step++)
          currentRun().log({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: step }, { step });
      },
      { ...target, experiment: "in-flight", runName: "in-flight", captureOutputs: false },
    );
    await train();
    await flush();
    const [create, ...more] = creations(pipeline.calls);
    expect(more).toEqual([]);
    expect(create!.after).toBeInstanceOf(Promise);
    // The attempt the pipeline waits for made the run, with the client id the pipeline looks it up by.
    await create!.after;
    expect(server.runs).toHaveLength(1);
    expect(server.runs[0]!.tags[MLTRACK_TAGS.clientRunId]).toBe(create!.run.clientRunId);
    expect(pipeline.points(create!.runId)).toHaveLength(210_000);
  });
});
