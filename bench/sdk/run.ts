/**
 * bench/sdk: KEYS × STEPS metric points (default 10 × 100,000 = 1,000,000) logged into a real MLflow
 * (SQLite, one worker) by each way, one run per way, the same points every time (key m<k>, value
 * step·KEYS + k, one timestamp per step):
 *
 *   - mltrack's `track()`, as a user writes it: a tracked async function (MLFLOW_TRACKING_URI set,
 *     default options, the shared pipeline with its spool in a temporary MLTRACK_SPOOL_DIR) whose loop
 *     calls `currentRun().log()` with 10 keys per step and never yields, until `flush()` resolves with
 *     the run and every point in MLflow; each call timed on its own;
 *   - the ceiling: a loop of 1,000-metric `runs/log-batch` requests, one at a time, no SDK;
 *   - MLflow's official Python client (.venv): `log_metric` per point (a timed sample of SAMPLE points,
 *     extrapolated), `log_batch` of 1,000, and `log_metric(..., synchronous=False)` then
 *     `flush_async_logging()`: with MLflow's defaults it sends one request per point (a timed sample,
 *     extrapolated: 1,000,000 would take hours), and with MLFLOW_ASYNC_LOGGING_BUFFERING_SECONDS=1,
 *     its knob for merging queued points into batches, on all the points.
 *
 * Size: BENCH_SDK_KEYS (10), BENCH_SDK_STEPS (100,000), BENCH_SDK_SAMPLE (2,000 points for the
 * per-point way), BENCH_SDK_ROUNDS (1; the ways' order rotates each round, tables show medians).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { currentRun, flush, shutdown, track } from "mltrack-sdk";
import { MlflowClient, collect } from "mltrack-sdk/mlflow";
import { venvBin } from "../../scripts/lib/paths";
import { startTestMlflow } from "../../tests/support/stack";
import { median, percentile } from "../lib/load";
import { fmt, machine, today, type BenchReport } from "../lib/report";

const execFileAsync = promisify(execFile);
const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const KEYS = int("BENCH_SDK_KEYS", 10);
const STEPS = int("BENCH_SDK_STEPS", 100_000);
const SAMPLE = int("BENCH_SDK_SAMPLE", 2_000);
const ROUNDS = int("BENCH_SDK_ROUNDS", 1);
const POINTS = KEYS * STEPS;
const KEY_NAMES = Array.from({ length: KEYS }, (_, k) => `m${k}`);

interface WayResult {
  /** Points this way logged (fewer than POINTS for a sample). */
  points: number;
  seconds: number;
  p50Us?: number;
  p99Us?: number;
  p999Us?: number;
  note?: string;
}

interface Way {
  name: string;
  /** Whether `points` is a sample, extrapolated to POINTS. */
  sampled?: boolean;
  /** The way makes its own run (in `run.experiment`) and says which. */
  ownRun?: boolean;
  run(trackingUri: string, run: { runId: string; experiment: string }): Promise<WayResult & { runId?: string }>;
}

const ways: Way[] = [
  {
    name: "mltrack track()",
    ownRun: true,
    async run(trackingUri, { experiment }) {
      const spoolDir = mkdtempSync(path.join(tmpdir(), "bench-sdk-spool-"));
      process.env.MLFLOW_TRACKING_URI = trackingUri;
      process.env.MLTRACK_SPOOL_DIR = spoolDir;
      const perCall = new Float64Array(STEPS);
      const started = performance.now();
      let loggedMs = 0;
      const train = track(
        async function train(): Promise<string | undefined> {
          const run = currentRun();
          for (let step = 0; step < STEPS; step++) {
            const metrics: Record<string, number> = {};
            for (let k = 0; k < KEYS; k++) metrics[KEY_NAMES[k] as string] = step * KEYS + k;
            const before = performance.now();
            run.log(metrics, { step });
            perCall[step] = performance.now() - before;
          }
          loggedMs = performance.now() - started;
          return run.runId;
        },
        { experiment, runName: "mltrack track()", captureOutputs: false },
      );
      const known = await train();
      await flush();
      const seconds = (performance.now() - started) / 1000;
      await shutdown();
      rmSync(spoolDir, { recursive: true, force: true });
      // A loop that never yields logs past what is held before runs/create can even be sent, so the run
      // is created by the pipeline and `runId` resolves to undefined: found by its name instead.
      const runId = known ?? (await runByName(trackingUri, experiment, "mltrack track()"));
      perCall.sort();
      return {
        runId,
        points: POINTS,
        seconds,
        p50Us: percentile(perCall, 50) * 1000,
        p99Us: percentile(perCall, 99) * 1000,
        p999Us: percentile(perCall, 99.9) * 1000,
        note: `all ${STEPS} calls returned in ${fmt(loggedMs / 1000)} s, the run created, logged and ended through the shared pipeline`,
      };
    },
  },
  {
    name: "ceiling: raw log-batch loop of 1,000 (no SDK)",
    async run(trackingUri, { runId }) {
      const t0 = Date.now();
      const started = performance.now();
      for (let first = 0; first < POINTS; first += 1000) {
        const metrics = [];
        for (let i = first; i < Math.min(first + 1000, POINTS); i++) {
          const step = Math.floor(i / KEYS);
          const k = i % KEYS;
          metrics.push({ key: KEY_NAMES[k], value: step * KEYS + k, timestamp: t0 + step, step });
        }
        const res = await fetch(`${trackingUri}/api/2.0/mlflow/runs/log-batch`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ run_id: runId, metrics }),
        });
        if (!res.ok) throw new Error(`log-batch answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }
      return { points: POINTS, seconds: (performance.now() - started) / 1000 };
    },
  },
  python("log_metric", `log_metric per point (timed sample of ${SAMPLE} points, extrapolated)`, SAMPLE),
  python("log_batch", "log_batch of 1,000", POINTS),
  python(
    "log_metric_async",
    `log_metric(synchronous=False), its defaults: one request per point (timed sample of ${SAMPLE} points, extrapolated)`,
    SAMPLE,
  ),
  python(
    "log_metric_async",
    "log_metric(synchronous=False), MLFLOW_ASYNC_LOGGING_BUFFERING_SECONDS=1 (queued points merged into batches)",
    POINTS,
    { MLFLOW_ASYNC_LOGGING_BUFFERING_SECONDS: "1" },
  ),
];

/** The one run named `name` in `experiment`. */
async function runByName(trackingUri: string, experiment: string, name: string): Promise<string> {
  const mlflow = new MlflowClient({ trackingUri, auth: null });
  const { experimentId } = (await mlflow.experiments.getByName({ experimentName: experiment })) ?? {};
  if (!experimentId) throw new Error(`no experiment ${experiment}`);
  const page = await mlflow.runs.search({
    experimentIds: [experimentId],
    filter: `attributes.run_name = '${name.replaceAll("'", "")}'`,
    maxResults: 2,
  });
  if (page.items.length !== 1) throw new Error(`${page.items.length} runs named ${name}`);
  return page.items[0]!.info.runId;
}

/** A way of MLflow's official Python client (bench/sdk/python_client.py), `limit` points of the data. */
function python(mode: string, label: string, limit: number, env: Record<string, string> = {}): Way {
  return {
    name: `MLflow Python client: ${label}`,
    sampled: limit < POINTS,
    async run(trackingUri, { runId }) {
      const script = fileURLToPath(new URL("./python_client.py", import.meta.url));
      const { stdout } = await execFileAsync(
        venvBin("python"),
        [script, mode, runId, String(KEYS), String(STEPS), String(Math.min(limit, POINTS))],
        {
          env: {
            ...process.env,
            MLFLOW_TRACKING_URI: trackingUri,
            MLFLOW_DISABLE_TELEMETRY: "true",
            DO_NOT_TRACK: "true",
            ...env,
          },
          maxBuffer: 16 * 2 ** 20,
        },
      );
      const out = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as {
        points: number;
        seconds: number;
        p50_us: number | null;
        p99_us: number | null;
      };
      return {
        points: out.points,
        seconds: out.seconds,
        ...(out.p50_us !== null ? { p50Us: out.p50_us } : {}),
        ...(out.p99_us !== null ? { p99Us: out.p99_us } : {}),
      };
    },
  };
}

/** Points of one key read back, to check a way delivered them all (the last key: logged last per step). */
async function checkDelivered(mlflow: MlflowClient, runId: string, expected: number): Promise<void> {
  const key = KEY_NAMES[KEYS - 1] as string;
  const points = await collect(mlflow.metrics.getHistoryAll({ runId, metricKey: key, maxResults: 25_000 }));
  const steps = new Set(points.map((p) => p.step));
  if (points.length !== expected || steps.size !== expected) {
    throw new Error(`run ${runId}: ${key} has ${points.length} points (${steps.size} steps), expected ${expected}`);
  }
}

export async function run(): Promise<BenchReport> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-sdk-"));
  const server = await startTestMlflow(dataDir);
  try {
    const mlflow = new MlflowClient({ trackingUri: server.url, auth: null });
    const experiment = "bench-sdk";
    const experimentId = await mlflow.experiments.create({ name: experiment });
    const results = new Map<string, WayResult[]>();
    for (let round = 0; round < ROUNDS; round++) {
      const order = ways.map((_, i) => ways[(i + round) % ways.length] as Way);
      for (const way of order) {
        const given = way.ownRun
          ? ""
          : (await mlflow.runs.create({ experimentId, runName: `${way.name} #${round + 1}` })).info.runId;
        const result = await way.run(server.url, { runId: given, experiment });
        const runId = result.runId ?? given;
        if (!way.sampled) await checkDelivered(mlflow, runId, STEPS);
        if (way.ownRun) {
          const { info } = await mlflow.runs.get({ runId });
          if (info.status !== "FINISHED") throw new Error(`${way.name}: run ${runId} ended ${info.status}`);
        } else {
          await mlflow.runs.update({ runId, status: "FINISHED", endTime: Date.now() });
        }
        results.set(way.name, [...(results.get(way.name) ?? []), result]);
        console.log(
          `  round ${round + 1} ${way.name}: ${result.points} points in ${fmt(result.seconds)} s = ${fmt(result.points / result.seconds, 0)} points/s${result.p50Us !== undefined ? `, per call p50 ${fmt(result.p50Us)} µs p99 ${fmt(result.p99Us ?? NaN)} µs` : ""}${result.note ? ` (${result.note})` : ""}`,
        );
      }
    }
    return report(results);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(results: Map<string, WayResult[]>): BenchReport {
  const rate = (name: string) => median((results.get(name) ?? []).map((r) => r.points / r.seconds));
  const [tracked, ceiling, ...python] = ways;
  const ceilingRate = rate(ceiling?.name ?? "");
  const rows = ways.map((way) => {
    const list = results.get(way.name) ?? [];
    const pointsPerSecond = rate(way.name);
    const seconds = way.sampled ? POINTS / pointsPerSecond : median(list.map((r) => r.seconds));
    const stat = (pick: (r: WayResult) => number | undefined) => {
      const values = list.map(pick).filter((v): v is number => v !== undefined);
      return values.length ? fmt(median(values)) : "";
    };
    return `| ${way.name} | ${fmt(seconds, 1)}${way.sampled ? " (extrapolated)" : ""} | ${fmt(pointsPerSecond, 0)} | ${fmt((pointsPerSecond / ceilingRate) * 100, 0)}% | ${stat((r) => r.p50Us)} | ${stat((r) => r.p99Us)} | ${stat((r) => r.p999Us)} |`;
  });
  const trackedRate = rate(tracked?.name ?? "");
  const trackedResults = results.get(tracked?.name ?? "") ?? [];
  const p99 = median(trackedResults.map((r) => r.p99Us ?? NaN));
  const slowestBeaten = python.every((way) => trackedRate > rate(way.name));
  const verdicts = [
    `track() ${fmt(trackedRate, 0)} points/s = ${fmt((trackedRate / ceilingRate) * 100, 0)}% of the raw log-batch ceiling (target >= 90%: ${trackedRate >= 0.9 * ceilingRate ? "met" : "missed"})`,
    `faster than every way of the official Python client (target: ${slowestBeaten ? "met" : "missed"}): ${python.map((way) => `${fmt(trackedRate / rate(way.name), 1)}x ${way.name.replace("MLflow Python client: ", "")}`).join(", ")}`,
    `log call p99 ${fmt(p99)} µs (target < 50 µs: ${p99 < 50 ? "met" : "missed"})`,
  ];
  const markdown = [
    `Measured ${today()} on ${machine()}. MLflow: \`mlflow server\`, SQLite, 1 worker, on the same machine as the client. ${KEYS} keys × ${STEPS.toLocaleString("en-US")} steps = ${POINTS.toLocaleString("en-US")} points per way, one run each; ${ROUNDS} round${ROUNDS > 1 ? "s (medians)" : ""}. Wall time: from the first call until the last point is in MLflow.`,
    "",
    "| way | wall s | points/s | vs ceiling | log call p50 µs | p99 µs | p99.9 µs |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    ...trackedResults.map((r) => `track(): ${r.note ?? ""}.`),
    "",
    ...verdicts.map((v) => `- ${v}`),
  ].join("\n");
  return { name: "sdk", markdown, verdicts };
}
