/**
 * Runs started while MLflow is unreachable are kept, not dropped: against a real `mlflow server` of
 * this file's own (a fixed port and SQLite file, so it can be absent at first and started later),
 * with the built package (mltrack-sdk/dist) and its `mltrack` bin, read back with the typed client.
 *
 * 1. A training script runs to completion with nothing listening on MLflow's port and exits after
 *    `shutdown()`: its runs (a parent, two nested folds, a failing run) are in the spool. With MLflow
 *    up, `mltrack sync` creates each run exactly once, with its name, params, tags, every metric point
 *    once, its artifacts, its status and the start and end times stamped while MLflow was away; each
 *    fold's `mlflow.parentRunId` is the parent's real id. No placeholder id ever reaches MLflow.
 * 2. The replay is repeated: first with only the runs' creations (a crash between the create and the
 *    data), then the whole spool, then the whole spool again (a crash before anything was
 *    acknowledged): still one run each, every point once.
 * 3. MLflow down when a run starts and back while the process still runs: the live pipeline creates
 *    the run and delivers everything, before and after the outage, with no `mltrack sync`.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogPipeline, currentRun, flush, track } from "mltrack-sdk";
import { MLFLOW_TAGS, MLTRACK_TAGS, MlflowClient, collect, type Run } from "mltrack-sdk/mlflow";
import { startMlflowServer, type MlflowServer } from "../../scripts/lib/mlflow-server";
import { repoRoot } from "../../scripts/lib/paths";
import { freePort } from "../../scripts/lib/ports";

const execFileAsync = promisify(execFile);
const DIST = path.join(repoRoot, "mltrack-sdk", "dist");
const CLI = path.join(DIST, "cli", "index.js");
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const EPOCHS = 300;

let scratch: string;
let dataDir: string;
let spoolDir: string;
let server: MlflowServer | undefined;

beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "mltrack-offline-"));
  dataDir = path.join(scratch, "mlflow");
  spoolDir = path.join(scratch, "spool");
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  rmSync(scratch, { recursive: true, force: true });
});

async function start(port: number): Promise<MlflowServer> {
  return startMlflowServer({ dataDir, port, logFile: path.join(scratch, "mlflow.log"), startTimeoutMs: 300_000 });
}

async function runsOf(mlflow: MlflowClient, experimentName: string): Promise<Map<string, Run>> {
  const { experimentId } = await mlflow.experiments.getByName({ experimentName });
  const runs = await collect(mlflow.runs.searchAll({ experimentIds: [experimentId], runViewType: "ALL" }));
  const byName = new Map<string, Run>();
  for (const run of runs) {
    expect(byName.has(run.info.runName!), `two runs named ${run.info.runName}`).toBe(false);
    byName.set(run.info.runName!, run);
  }
  return byName;
}

/** A metric's points as [step, value], each step checked to be there once. */
async function history(mlflow: MlflowClient, runId: string, metricKey: string): Promise<[number, number][]> {
  const points = await collect(mlflow.metrics.getHistoryAll({ runId, metricKey, maxResults: 25_000 }));
  const steps = points.map((p) => p.step);
  expect(new Set(steps).size, `${metricKey}: a step twice`).toBe(steps.length);
  return points.sort((a, b) => a.step - b.step).map((p) => [p.step, p.value]);
}

/** Spool files (the folders of spooled artifact bytes and of run-creation locks apart). */
const spoolFiles = (dir = spoolDir) => readdirSync(dir).filter((f) => f !== "artifacts" && f !== "run-locks");

describe("runs started while MLflow is unreachable", () => {
  it(
    "a script run with MLflow down: shutdown() spools, `mltrack sync` creates each run once with everything, nested runs under the parent's real id, and repeated replays make no second run",
    async () => {
      const port = await freePort(); // nothing listens on it until the server starts below
      const trackingUri = `http://127.0.0.1:${port}`;
      const experiment = unique("offline");
      const script = path.join(scratch, "train.mjs");
      writeFileSync(
        script,
        `import { currentRun, shutdown, track, sharedLogPipeline } from ${JSON.stringify(pathToFileURL(path.join(DIST, "index.js")).href)};
const pipeline = sharedLogPipeline(); // the one track() uses for MLFLOW_TRACKING_URI
const fold = track(
  (k) => {
    for (let step = 0; step < 20; step++) currentRun().log({ score: k * 100 + step });
    return { foldAccuracy: k / 10 };
  },
  { params: ["k"], runName: (k) => "fold-" + k },
);
const train = track(
  (lr, epochs) => {
    for (let epoch = 0; epoch < epochs; epoch++) currentRun().log({ loss: 1 / (epoch + 1), acc: epoch / epochs });
    currentRun().setTags({ phase: "done" });
    currentRun().logText("# offline notes", "notes/readme.md");
    fold(1);
    fold(2);
    return { accuracy: 0.75 };
  },
  { experiment: process.env.EXPERIMENT, runName: "offline-train", params: ["lr", "epochs"], tags: { team: "offline" } },
);
const diverge = track(
  () => {
    currentRun().log({ loss: 1e9 });
    throw new RangeError("diverged offline");
  },
  { experiment: process.env.EXPERIMENT, runName: "offline-failure" },
);
const before = Date.now();
const result = train(0.01, ${EPOCHS});
let thrown;
try { diverge(); } catch (err) { thrown = err.message; }
const after = Date.now();
await shutdown();
const stats = pipeline.stats();
console.log(JSON.stringify({ result, thrown, before, after, stats }));
`,
      );
      const env = {
        ...process.env,
        MLFLOW_TRACKING_URI: trackingUri,
        MLTRACK_SPOOL_DIR: spoolDir,
        EXPERIMENT: experiment,
      };
      const child = await execFileAsync(process.execPath, [script], { env, timeout: 180_000 });
      const out = JSON.parse(child.stdout) as {
        result: unknown;
        thrown: string;
        before: number;
        after: number;
        stats: { sent: number; spooled: number; dropped: number; buffered: number; offline: boolean };
      };
      // The user's code ran as usual; tracking said that it keeps the runs for later, and lost nothing.
      expect(out.result).toEqual({ accuracy: 0.75 });
      expect(out.thrown).toBe("diverged offline");
      expect(child.stderr).toMatch(/could not be reached to create run .*it is kept/);
      expect(child.stderr).toMatch(/has been failing .*goes to the spool/);
      expect(child.stderr).not.toMatch(/lost|dropped/);
      expect(out.stats).toMatchObject({ sent: 0, dropped: 0, buffered: 0, offline: true });
      expect(out.stats.spooled).toBeGreaterThan(2 * EPOCHS);
      expect(spoolFiles().length).toBeGreaterThan(0);
      expect(readdirSync(path.join(spoolDir, "artifacts")).length).toBeGreaterThanOrEqual(2); // notes + the error

      // Keep the spool as the script left it, for the replays below.
      const saved = path.join(scratch, "spool-saved");
      cpSync(spoolDir, saved, { recursive: true });
      // A spool with only the runs' creations: as if a replay had crashed after creating them.
      const createsOnly = path.join(scratch, "spool-creates-only");
      mkdirSync(createsOnly);
      for (const name of spoolFiles()) {
        const lines = readFileSync(path.join(spoolDir, name), "utf8").split("\n");
        writeFileSync(path.join(createsOnly, name), lines.filter((l) => l.includes('"create":')).join("\n") + "\n");
      }

      server = await start(port);
      const mlflow = new MlflowClient({ trackingUri, auth: null });
      const sync = (...args: string[]) =>
        execFileAsync(process.execPath, [CLI, "sync", ...args], { env, timeout: 180_000 });

      // 2a. Only the creations: the runs exist, empty.
      const first = await sync("--spool-dir", createsOnly);
      expect(first.stdout).toMatch(/Created 4 run\(s\)/);
      const empty = await runsOf(mlflow, experiment);
      expect([...empty.keys()].sort()).toEqual(["fold-1", "fold-2", "offline-failure", "offline-train"]);
      expect(empty.get("offline-train")!.info.status).toBe("RUNNING");

      // 1. The whole spool: found by their client run ids (not made again), and filled.
      const second = await sync();
      expect(second.stdout).toMatch(/Sent \d+ entries/);
      expect(second.stdout).not.toMatch(/Created/);
      expect(second.stdout).toMatch(/Nothing left in the spool/);
      expect(spoolFiles()).toEqual([]);
      expect(readdirSync(path.join(spoolDir, "artifacts"))).toEqual([]);

      const check = async () => {
        const runs = await runsOf(mlflow, experiment);
        expect([...runs.keys()].sort()).toEqual(["fold-1", "fold-2", "offline-failure", "offline-train"]);
        for (const [name, run] of runs) expect(run.info.runId, name).toBe(empty.get(name)!.info.runId);
        const parent = runs.get("offline-train")!;
        expect(parent.info.status).toBe("FINISHED");
        expect(parent.info.startTime).toBeGreaterThanOrEqual(out.before);
        expect(parent.info.startTime).toBeLessThanOrEqual(out.after);
        expect(parent.info.endTime).toBeGreaterThanOrEqual(parent.info.startTime!);
        expect(parent.info.endTime).toBeLessThanOrEqual(out.after);
        expect(parent.data.params).toEqual({ lr: "0.01", epochs: String(EPOCHS) });
        expect(parent.data.tags).toMatchObject({ team: "offline", phase: "done", [MLTRACK_TAGS.category]: "ml" });
        expect(parent.data.tags[MLTRACK_TAGS.clientRunId]).toMatch(/^[0-9a-f-]{36}$/);
        expect(parent.data.tags[MLFLOW_TAGS.parentRunId]).toBeUndefined();
        // Where it ran, captured at the call (the script is outside any git repository: no git tags).
        for (const key of [MLFLOW_TAGS.user, MLFLOW_TAGS.sourceName, MLTRACK_TAGS.host, MLTRACK_TAGS.runtime]) {
          expect(parent.data.tags[key], key).toBeTruthy();
        }
        const loss = await history(mlflow, parent.info.runId, "loss");
        expect(loss).toEqual(Array.from({ length: EPOCHS }, (_, e) => [e, 1 / (e + 1)]));
        const acc = await history(mlflow, parent.info.runId, "acc");
        expect(acc).toEqual(Array.from({ length: EPOCHS }, (_, e) => [e, e / EPOCHS]));
        for (const point of await collect(
          mlflow.metrics.getHistoryAll({ runId: parent.info.runId, metricKey: "loss" }),
        )) {
          expect(point.timestamp).toBeGreaterThanOrEqual(out.before);
          expect(point.timestamp).toBeLessThanOrEqual(out.after);
        }
        expect(await history(mlflow, parent.info.runId, "accuracy")).toEqual([[EPOCHS, 0.75]]);
        const notes = await mlflow.downloadArtifact({ runId: parent.info.runId, path: "notes/readme.md" });
        expect(await notes.text()).toBe("# offline notes");

        for (const k of [1, 2]) {
          const fold = runs.get(`fold-${k}`)!;
          expect(fold.data.tags[MLFLOW_TAGS.parentRunId]).toBe(parent.info.runId);
          expect(fold.data.params).toEqual({ k: String(k) });
          expect(fold.info.status).toBe("FINISHED");
          expect(fold.info.startTime).toBeGreaterThanOrEqual(parent.info.startTime!);
          expect(await history(mlflow, fold.info.runId, "score")).toEqual(
            Array.from({ length: 20 }, (_, s) => [s, k * 100 + s]),
          );
          expect(await history(mlflow, fold.info.runId, "foldAccuracy")).toEqual([[20, k / 10]]);
        }

        const failed = runs.get("offline-failure")!;
        expect(failed.info.status).toBe("FAILED");
        expect(failed.info.endTime).toBeLessThanOrEqual(out.after);
        expect(failed.data.tags[MLTRACK_TAGS.errorMessage]).toBe("RangeError: diverged offline");
        expect(await history(mlflow, failed.info.runId, "loss")).toEqual([[0, 1e9]]);
        const error = await mlflow.downloadArtifact({ runId: failed.info.runId, path: "mltrack/error.txt" });
        expect(await error.text()).toContain("RangeError: diverged offline");
        for (const run of runs.values()) {
          expect(JSON.stringify(run.data.tags)).not.toContain("mltrack-pending");
        }
      };
      await check();

      // 2b. The whole spool again, as if the sync had crashed before acknowledging anything.
      cpSync(saved, spoolDir, { recursive: true });
      const third = await sync();
      expect(third.stdout).toMatch(/Sent \d+ entries/);
      expect(third.stdout).not.toMatch(/Created/);
      await check();

      // No request named a placeholder (the server's access log has every URL; bodies go through the client's id check).
      expect(readFileSync(path.join(scratch, "mlflow.log"), "utf8")).not.toContain("mltrack-pending");
    },
    20 * 60_000,
  );

  it(
    "MLflow down when a run starts, back while the process runs: the live pipeline creates the run and delivers everything without a sync",
    async () => {
      const port = await freePort();
      const trackingUri = `http://127.0.0.1:${port}`;
      const experiment = unique("offline-live");
      const warnings: string[] = [];
      const pipeline = createLogPipeline({
        trackingUri,
        auth: null,
        spoolDir,
        spoolAfterMs: 2_000,
        replaySpoolOnStart: false,
        logger: { warn: (m) => void warnings.push(m) },
      });
      let serverUp!: () => void;
      const up = new Promise<void>((resolve) => (serverUp = resolve));
      let creationSettled!: () => void;
      const settled = new Promise<void>((resolve) => (creationSettled = resolve));
      const train = track(
        async (steps: number) => {
          for (let step = 0; step < steps / 2; step++) currentRun().log({ loss: step });
          // MLflow never answered the run's creation: it is pending in the pipeline (no run id here).
          expect(await currentRun().runId).toBeUndefined();
          creationSettled();
          await up;
          for (let step = steps / 2; step < steps; step++) currentRun().log({ loss: step });
          currentRun().logJson({ layers: [4, 2] }, "config.json");
          return { accuracy: 0.5 };
        },
        { trackingUri, pipeline, experiment, runName: "live-recovery", params: ["steps"] },
      );
      const running = train(4_000);
      await settled;
      // Wait until the pipeline has given up on MLflow and spooled what it holds.
      for (let i = 0; i < 600 && !pipeline.stats().offline; i++) await new Promise((r) => setTimeout(r, 100));
      expect(pipeline.stats().offline).toBe(true);
      expect(pipeline.stats().spooled).toBeGreaterThan(0);

      server = await start(port);
      serverUp();
      expect(await running).toEqual({ accuracy: 0.5 });
      await flush();

      const stats = pipeline.stats();
      await pipeline.shutdown();
      expect(stats).toMatchObject({ runsCreated: 1, dropped: 0, buffered: 0, offline: false });
      expect(spoolFiles()).toEqual([]);
      const mlflow = new MlflowClient({ trackingUri, auth: null });
      const runs = await runsOf(mlflow, experiment);
      expect([...runs.keys()]).toEqual(["live-recovery"]);
      const run = runs.get("live-recovery")!;
      expect(run.info.status).toBe("FINISHED");
      expect(run.data.params).toEqual({ steps: "4000" });
      expect(await history(mlflow, run.info.runId, "loss")).toEqual(Array.from({ length: 4_000 }, (_, s) => [s, s]));
      expect(await history(mlflow, run.info.runId, "accuracy")).toEqual([[4_000, 0.5]]);
      const config = await mlflow.downloadArtifact({ runId: run.info.runId, path: "config.json" });
      expect(JSON.parse(await config.text())).toEqual({ layers: [4, 2] });
      expect(warnings.filter((w) => /has been failing/.test(w))).toHaveLength(1);
    },
    20 * 60_000,
  );
});
