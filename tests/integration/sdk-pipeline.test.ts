/**
 * The logging pipeline and the `mltrack` CLI, as the built package ships them (mltrack-sdk/dist),
 * against the real MLflow 3.18 that global-setup starts. First what MLflow itself does with a point
 * logged twice, which the pipeline's exactly-once replay is designed around; then the pipeline.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createLogPipeline, serverKey, type LogPipelineOptions, type ManagedLogPipeline } from "mltrack-sdk";
import { MlflowBadRequestError, MlflowClient, collect, type Metric } from "mltrack-sdk/mlflow";
import { repoRoot } from "../../scripts/lib/paths";

const execFileAsync = promisify(execFile);
const CLI = path.join(repoRoot, "mltrack-sdk", "dist", "cli", "index.js");
const trackingUri = inject("mlflowUrl");
const mlflow = new MlflowClient({ trackingUri, auth: null });
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

let experimentId: string;
let experimentName: string;
let spoolDir: string;
const pipelines: ManagedLogPipeline[] = [];

beforeAll(async () => {
  experimentName = unique("sdk-pipeline");
  experimentId = await mlflow.experiments.create({ name: experimentName });
  spoolDir = mkdtempSync(path.join(tmpdir(), "mltrack-sdk-pipeline-"));
});
afterAll(async () => {
  await Promise.all(pipelines.map((p) => p.shutdown()));
  await mlflow.experiments.delete({ experimentId });
  rmSync(spoolDir, { recursive: true, force: true });
});

/** A pipeline for this file's runs, and the warnings it gave. */
function pipeline(options: Partial<LogPipelineOptions> = {}): ManagedLogPipeline & { said: string[] } {
  const warnings: string[] = [];
  const p = createLogPipeline({
    trackingUri,
    auth: null,
    spoolDir,
    replaySpoolOnStart: false,
    logger: { warn: (m) => void warnings.push(m) },
    ...options,
  });
  pipelines.push(p);
  return Object.assign(p, { said: warnings });
}

async function newRun(name = unique("run")): Promise<string> {
  return (await mlflow.runs.create({ experimentId, runName: name })).info.runId;
}

const history = (runId: string, metricKey: string): Promise<Metric[]> =>
  collect(mlflow.metrics.getHistoryAll({ runId, metricKey, maxResults: 25_000 }));

async function postLogBatch(body: unknown): Promise<Response> {
  return fetch(`${trackingUri}/api/2.0/mlflow/runs/log-batch`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("MLflow 3.18 with a point logged twice (what exactly-once replay stands on)", () => {
  it("ignores an identical metric point (same key, value, timestamp and step) sent again by log-batch", async () => {
    const runId = await newRun();
    const metrics = [0, 1, 2].map((step) => ({
      key: "loss",
      value: step / 10,
      timestamp: 1_700_000_000_000 + step,
      step,
    }));
    expect((await postLogBatch({ run_id: runId, metrics })).status).toBe(200);
    // The same three again, and within one request twice: accepted, stored once.
    expect((await postLogBatch({ run_id: runId, metrics })).status).toBe(200);
    expect((await postLogBatch({ run_id: runId, metrics: [...metrics, ...metrics] })).status).toBe(200);
    // Partly new: the new point is stored, the old ones still once.
    const extra = { key: "loss", value: 0.3, timestamp: 1_700_000_000_003, step: 3 };
    expect((await postLogBatch({ run_id: runId, metrics: [...metrics, extra] })).status).toBe(200);
    expect((await history(runId, "loss")).map((m) => m.step).sort()).toEqual([0, 1, 2, 3]);
    // What makes a point distinct: the same step and value at another timestamp is a second point.
    await postLogBatch({ run_id: runId, metrics: [{ ...extra, timestamp: extra.timestamp + 1 }] });
    expect(await history(runId, "loss")).toHaveLength(5);
  });

  it("accepts a param logged again with the same value and refuses another value (400 INVALID_PARAMETER_VALUE)", async () => {
    const runId = await newRun();
    await mlflow.runs.logBatch({ runId, params: { lr: "0.1" } });
    await mlflow.runs.logBatch({ runId, params: { lr: "0.1" } });
    const refused = await mlflow.runs.logBatch({ runId, params: { lr: "0.2" } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MlflowBadRequestError);
    expect(refused).toMatchObject({ errorCode: "INVALID_PARAMETER_VALUE", httpStatus: 400 });
  });
});

describe("createLogPipeline against MLflow", () => {
  it("delivers 10 keys x 2,500 steps, params and tags, then ends the run, each point once", async () => {
    const runId = await newRun();
    const p = pipeline();
    p.logParams(runId, { lr: "0.001", layers: "4" });
    p.setTags(runId, { team: "sdk", "mltrack.note": "pipeline test" });
    for (let step = 0; step < 2500; step++) {
      p.logMetrics(
        runId,
        Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`metric_${k}`, Math.sin(step + k)])),
        { step },
      );
    }
    p.endRun(runId, "FINISHED");
    await p.flush();
    expect(p.stats()).toMatchObject({ enqueued: 25_004, sent: 25_004, spooled: 0, dropped: 0, buffered: 0 });

    const run = await mlflow.runs.get({ runId });
    expect(run.info.status).toBe("FINISHED");
    expect(run.data.params).toEqual({ lr: "0.001", layers: "4" });
    expect(run.data.tags).toMatchObject({ team: "sdk", "mltrack.note": "pipeline test" });
    for (let k = 0; k < 10; k++) {
      const points = await history(runId, `metric_${k}`);
      expect(points).toHaveLength(2500);
      expect(new Set(points.map((m) => m.step)).size).toBe(2500);
      expect(points.find((m) => m.step === 7)?.value).toBeCloseTo(Math.sin(7 + k), 12);
    }
    expect(p.said).toEqual([]);
  });

  it("replays spool lines MLflow already holds without doubling a point (a taken-over file's head is read back; MLflow ignores identical points)", async () => {
    const runId = await newRun();
    const first = pipeline();
    for (let step = 0; step < 1500; step++)
      first.logMetrics(runId, { loss: 1 / (step + 1), acc: step / 1500 }, { step });
    await first.flush();
    expect(await history(runId, "loss")).toHaveLength(1500);

    // The same points as spool lines from a replayer that died holding the file before acknowledging
    // any of them: whoever takes the file over must not double them.
    const points = (await history(runId, "loss")).concat(await history(runId, "acc"));
    const lines = [];
    for (let i = 0; i < points.length; i += 1000) {
      const m = points.slice(i, i + 1000).map((p) => [p.key, p.value, p.timestamp, p.step]);
      lines.push(JSON.stringify({ v: 1, uri: trackingUri, run: runId, m }));
    }
    const spool = mkdtempSync(path.join(tmpdir(), "mltrack-replay-"));
    const key = serverKey(trackingUri);
    const dead = 2 ** 22 + 12_345; // above Linux's default pid_max
    writeFileSync(
      path.join(spool, `${key}-0000000000001-${String(dead).padStart(10, "0")}-000000000001.replaying-${dead}`),
      `${lines.join("\n")}\n`,
    );
    const second = pipeline({ spoolDir: spool });
    const report = await second.replaySpool();
    expect(report).toMatchObject({ replayedEntries: 3000, completedFiles: 1, interrupted: false });
    expect(await history(runId, "loss")).toHaveLength(1500);
    expect(await history(runId, "acc")).toHaveLength(1500);
    expect(readdirSync(spool)).toEqual([]);
    rmSync(spool, { recursive: true, force: true });
  });

  it("drops only the batches MLflow refuses (a deleted run), warns once, and delivers the rest", async () => {
    const gone = await newRun();
    const kept = await newRun();
    await mlflow.runs.delete({ runId: gone });
    const p = pipeline();
    for (let step = 0; step < 3; step++) {
      p.logMetrics(gone, { loss: step }, { step });
      p.logMetrics(kept, { loss: step }, { step });
      await p.flush();
    }
    expect(await history(kept, "loss")).toHaveLength(3);
    expect(p.stats()).toMatchObject({ sent: 3, dropped: 3, buffered: 0 });
    expect(p.said).toHaveLength(1);
    expect(p.said[0]).toMatch(/refused 1 entries of run .* as invalid, so that batch was dropped/);
  });

  it("immediate mode: the calls before an awaited flush are in MLflow when it returns", async () => {
    const runId = await newRun();
    const p = pipeline({ mode: "immediate" });
    p.logMetrics(runId, { latency_ms: 12.5 }, { step: 1 });
    p.setTags(runId, { handler: "route" });
    p.endRun(runId, "FINISHED");
    await p.flush();
    const run = await mlflow.runs.get({ runId });
    expect(run.info.status).toBe("FINISHED");
    expect(run.data.metrics.latency_ms?.value).toBe(12.5);
    expect(run.data.tags.handler).toBe("route");
  });
});

describe("sharedLogPipeline in a process of its own", () => {
  it("flushes on beforeExit: a script that logs and just ends leaves every point in MLflow, and is not kept alive", async () => {
    const runId = await newRun();
    const script = `import { sharedLogPipeline } from ${JSON.stringify(pathToFileURL(path.join(repoRoot, "mltrack-sdk", "dist", "index.js")).href)};
const pipeline = sharedLogPipeline();
if (sharedLogPipeline() !== pipeline) throw new Error("not shared");
for (let step = 0; step < 3000; step++) pipeline.logMetrics(process.env.RUN_ID, { loss: step / 3000 }, { step });
pipeline.endRun(process.env.RUN_ID, "FINISHED");`;
    await execFileAsync(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, MLFLOW_TRACKING_URI: trackingUri, MLTRACK_SPOOL_DIR: spoolDir, RUN_ID: runId },
      timeout: 60_000,
    });
    expect(await history(runId, "loss")).toHaveLength(3000);
    expect((await mlflow.runs.get({ runId })).info.status).toBe("FINISHED");
  });
});

describe("the mltrack CLI (built bin) against MLflow", () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    execFileAsync(process.execPath, [CLI, ...args], {
      env: { ...process.env, MLFLOW_TRACKING_URI: trackingUri, MLTRACK_SPOOL_DIR: spoolDir, ...env },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );

  it("runs ls lists an experiment's runs by name or ID; runs get shows one", async () => {
    const runId = await newRun("cli-listed");
    await mlflow.runs.logBatch({
      runId,
      params: { lr: "0.1" },
      metrics: [{ key: "loss", value: 0.5, timestamp: Date.now(), step: 3 }],
    });
    const byName = await cli(["runs", "ls", "--experiment", experimentName, "--max", "1000"]);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toMatch(new RegExp(`^${runId}\\s+cli-listed\\s+RUNNING`, "m"));
    const byId = await cli(["runs", "ls", "-e", experimentId, "--json"]);
    expect((JSON.parse(byId.stdout) as { info: { runId: string } }[]).map((r) => r.info.runId)).toContain(runId);

    const shown = await cli(["runs", "get", runId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/status\s+RUNNING/);
    expect(shown.stdout).toMatch(/lr\s+0\.1/);
    expect(shown.stdout).toMatch(/loss\s+0\.5\s+3/);
  });

  it("exits 1 for an experiment or run that does not exist, and 2 for bad input", async () => {
    const missing = await cli(["runs", "ls", "-e", unique("no-such-experiment")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no experiment named/);
    expect((await cli(["runs", "get", "0123456789abcdef0123456789abcdef"])).code).toBe(1);
    const bad = await cli(["runs", "ls", "-e", "x", "--max", "-3"]);
    expect(bad.code).toBe(2);
  });

  it("sync with an empty spool says there is nothing to send", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "mltrack-empty-spool-"));
    const result = await cli(["sync"], { MLTRACK_SPOOL_DIR: empty });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Nothing to send/);
    rmSync(empty, { recursive: true, force: true });
  });
});
