/**
 * bench/gateway: what the MLTrack gateway adds in front of MLflow, on runs/search (a read with a
 * sizeable answer) and runs/log-batch (a write), each sent straight to MLflow and through the gateway.
 *
 * Two settings. The target's: 2,000 requests at concurrency 16 per way, where MLflow (SQLite, one
 * worker) is saturated and its own queueing dominates. And concurrency 1, where each request meets an
 * idle server, so the difference between the ways is the gateway's own cost per request. Rounds
 * alternate which way goes first; tables show the median of each statistic over the rounds.
 */
import { MlflowClient } from "mltrack-sdk/mlflow";
import { startStack } from "../../tests/support/stack";
import { load, median, type LoadOptions, type LoadResult } from "../lib/load";
import { fmt, machine, today, type BenchReport } from "../lib/report";

const RUNS = 50;
const SETTINGS = [
  { label: "concurrency 16 (the target's setting)", total: 2000, concurrency: 16, warmup: 100, rounds: 1 },
  { label: "concurrency 1 (the gateway's own cost per request)", total: 500, concurrency: 1, warmup: 50, rounds: 3 },
];
const WAYS = ["MLflow directly", "through the gateway"] as const;
type Way = (typeof WAYS)[number];

export async function run(): Promise<BenchReport> {
  const stack = await startStack("bench-gateway");
  try {
    const mlflow = new MlflowClient({ trackingUri: stack.mlflowUrl, auth: null });
    const experimentId = await mlflow.experiments.create({ name: "bench-gateway" });
    for (let r = 0; r < RUNS; r++) {
      const run = await mlflow.runs.create({
        experimentId,
        runName: `run-${r}`,
        tags: { team: "bench", seed: String(r), model: "xgb" },
      });
      await mlflow.runs.logBatch({
        runId: run.info.runId,
        params: Object.fromEntries([0, 1, 2, 3, 4].map((p) => [`param_${p}`, String(r * p)])),
        metrics: [0, 1, 2, 3, 4].map((m) => ({
          key: `metric_${m}`,
          value: r / (m + 1),
          timestamp: Date.now(),
          step: 0,
        })),
      });
    }
    const sink = await mlflow.runs.create({ experimentId, runName: "log-batch-target" });
    let step = 0;
    const workloads: Record<string, LoadOptions["request"]> = {
      "runs/search, 50 runs": () => ({
        method: "POST",
        path: "/api/2.0/mlflow/runs/search",
        body: JSON.stringify({ experiment_ids: [experimentId], max_results: RUNS }),
      }),
      "runs/log-batch, 10 metrics": () => {
        const first = step;
        step += 10;
        const metrics = Array.from({ length: 10 }, (_, k) => ({
          key: `bench_${k}`,
          value: k,
          timestamp: Date.now(),
          step: first + k,
        }));
        return {
          method: "POST",
          path: "/api/2.0/mlflow/runs/log-batch",
          body: JSON.stringify({ run_id: sink.info.runId, metrics }),
        };
      },
    };
    const origins: Record<Way, string> = { "MLflow directly": stack.mlflowUrl, "through the gateway": stack.uiUrl };

    const sections: string[] = [];
    const verdicts: string[] = [];
    for (const setting of SETTINGS) {
      const results = new Map<string, LoadResult[]>();
      for (let round = 0; round < setting.rounds; round++) {
        for (const [name, request] of Object.entries(workloads)) {
          const ways = round % 2 === 0 ? WAYS : [...WAYS].reverse();
          for (const way of ways) {
            const options = { origin: origins[way], concurrency: setting.concurrency, request };
            await load({ ...options, total: setting.warmup });
            const result = await load({ ...options, total: setting.total });
            const key = `${name}|${way}`;
            results.set(key, [...(results.get(key) ?? []), result]);
            console.log(
              `  c=${setting.concurrency} round ${round + 1} ${name}, ${way}: p50 ${fmt(result.p50Ms)} ms, p99 ${fmt(result.p99Ms)} ms, ${fmt(result.throughputRps, 1)} req/s, ${result.errors} failed ${JSON.stringify(result.errorStatuses)}`,
            );
          }
        }
      }
      const rows: string[] = [];
      for (const name of Object.keys(workloads)) {
        const stats = (way: Way) => {
          const list = results.get(`${name}|${way}`) ?? [];
          return {
            p50: median(list.map((r) => r.p50Ms)),
            p99: median(list.map((r) => r.p99Ms)),
            rps: median(list.map((r) => r.throughputRps)),
            errors: list.reduce((sum, r) => sum + r.errors, 0),
          };
        };
        const direct = stats("MLflow directly");
        const gateway = stats("through the gateway");
        const overhead = gateway.p50 - direct.p50;
        const ratio = gateway.rps / direct.rps;
        rows.push(
          `| ${name} | MLflow directly | ${fmt(direct.p50)} | ${fmt(direct.p99)} | ${fmt(direct.rps, 1)} | ${direct.errors} | | |`,
        );
        rows.push(
          `| ${name} | through the gateway | ${fmt(gateway.p50)} | ${fmt(gateway.p99)} | ${fmt(gateway.rps, 1)} | ${gateway.errors} | ${fmt(overhead)} | ${fmt(ratio * 100, 0)}% |`,
        );
        verdicts.push(
          `${name}, ${setting.label.split(" (")[0]}: p50 overhead ${fmt(overhead)} ms (target <= 2 ms: ${overhead <= 2 ? "met" : "missed"}), throughput ${fmt(ratio * 100, 0)}% of direct (target >= 80%: ${ratio >= 0.8 ? "met" : "missed"})`,
        );
      }
      sections.push(
        `**${setting.label}**: ${setting.total} requests per way and workload after ${setting.warmup} warm-up requests, ${setting.rounds} round${setting.rounds > 1 ? "s" : ""}.`,
        "",
        "| workload | way | p50 ms | p99 ms | req/s | failed | p50 overhead ms | throughput vs direct |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
        ...rows,
        "",
      );
    }
    const markdown = [
      `Measured ${today()} on ${machine()}. MLflow: \`mlflow server\`, SQLite, 1 worker; the UI: its production build; all three processes (load, UI, MLflow) share the machine's cores.`,
      "",
      ...sections,
      ...verdicts.map((v) => `- ${v}`),
    ].join("\n");
    return { name: "gateway", markdown, verdicts };
  } finally {
    await stack.stop();
  }
}
