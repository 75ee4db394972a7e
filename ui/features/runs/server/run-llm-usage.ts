import "server-only";
import { LLM_METRICS, type MlflowClient, type Run } from "mltrack-sdk/mlflow";
import { LLM_METRIC_NAMES, isLlmRun, llmUsageOf, type LlmHistories, type LlmMetricName } from "../run-detail-llm";
import type { RunLlmUsage } from "../run-detail-schemas";
import { mapLimit } from "./map-limit";

/** Histories read at once; MLflow on SQLite serves one worker's worth of them. */
const HISTORY_CONCURRENCY = 8;
/** Sums of finished runs' histories, keyed by run, metric and latest point; bounded, oldest out first. */
const CACHE_LIMIT = 50_000;
const cache = new Map<string, readonly number[]>();
const TERMINAL = new Set(["FINISHED", "FAILED", "KILLED"]);

async function readHistory(mlflow: MlflowClient, run: Run, name: LlmMetricName): Promise<readonly number[]> {
  const key = LLM_METRICS[name];
  const latest = run.data.metrics[key];
  // A finished run can still be logged to; its latest point is part of the key, so new points miss.
  const cacheKey = latest
    ? `${run.info.runId}\u0000${key}\u0000${latest.timestamp}\u0000${latest.step}\u0000${latest.value}`
    : "";
  const cacheable = cacheKey !== "" && TERMINAL.has(run.info.status);
  const hit = cacheable ? cache.get(cacheKey) : undefined;
  if (hit) return hit;
  const values: number[] = [];
  for await (const point of mlflow.metrics.getHistoryAll({ runId: run.info.runId, metricKey: key, maxResults: 25_000 }))
    values.push(point.value);
  if (cacheable) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(cacheKey, values);
  }
  return values;
}

/** Each LLM metric's whole history for each run, read only where the run logged that metric. */
export async function readHistories(mlflow: MlflowClient, runs: readonly Run[]): Promise<LlmHistories[]> {
  const wanted = runs.flatMap((run, index) =>
    LLM_METRIC_NAMES.filter((name) => LLM_METRICS[name] in run.data.metrics).map((name) => ({ run, index, name })),
  );
  const found = await mapLimit(wanted, HISTORY_CONCURRENCY, ({ run, name }) => readHistory(mlflow, run, name));
  const histories: LlmHistories[] = runs.map(() => ({}));
  wanted.forEach(({ index, name }, i) => {
    (histories[index] as LlmHistories)[name] = found[i];
  });
  return histories;
}

const shape = (run: Run) => ({ tags: run.data.tags, metricKeys: Object.keys(run.data.metrics) });

/** The LLM usage of a run and of its (listed) child runs, or null when none of them is an LLM run. */
export async function readLlmUsage(
  mlflow: MlflowClient,
  run: Run,
  children: readonly Run[],
  childrenTruncated: boolean,
): Promise<RunLlmUsage | null> {
  const llmChildren = children.filter((child) => isLlmRun(child.data.tags, Object.keys(child.data.metrics)));
  if (!isLlmRun(run.data.tags, Object.keys(run.data.metrics)) && llmChildren.length === 0) return null;
  const [own, ...childHistories] = await readHistories(mlflow, [run, ...children]);
  return llmUsageOf({
    ...shape(run),
    histories: own ?? {},
    children: children.map((child, i) => ({ ...shape(child), histories: childHistories[i] ?? {} })),
    childrenTruncated,
  });
}
