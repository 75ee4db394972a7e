import "server-only";
import type { MlflowClient, Run } from "mltrack-sdk/mlflow";
import { mapLimit } from "./map-limit";

export interface Extremes {
  min: number;
  max: number;
}

/** Histories read at once; MLflow on SQLite serves one worker's worth of them. */
const HISTORY_CONCURRENCY = 8;
/** Finished runs' extremes are cached: their histories cannot change. Bounded, oldest out first. */
const CACHE_LIMIT = 200_000;
const cache = new Map<string, Extremes>();

const TERMINAL = new Set(["FINISHED", "FAILED", "KILLED"]);

/** min and max over finite values; NaN when the history holds none. */
export function extremesOf(values: Iterable<number>): Extremes {
  let min = Number.NaN;
  let max = Number.NaN;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (!(value >= min)) min = value;
    if (!(value <= max)) max = value;
  }
  return { min, max };
}

async function readExtremes(mlflow: MlflowClient, runId: string, metricKey: string): Promise<Extremes> {
  const values: number[] = [];
  for await (const point of mlflow.metrics.getHistoryAll({ runId, metricKey, maxResults: 25_000 })) {
    values.push(point.value);
  }
  return extremesOf(values);
}

/** For each run, the min and max of each of `metricKeys` it has logged. */
export async function metricExtremes(
  mlflow: MlflowClient,
  runs: readonly Run[],
  metricKeys: readonly string[],
): Promise<Map<string, Map<string, Extremes>>> {
  const wanted = runs.flatMap((run) =>
    metricKeys.filter((key) => key in run.data.metrics).map((key) => ({ run, key })),
  );
  const found = await mapLimit(wanted, HISTORY_CONCURRENCY, async ({ run, key }) => {
    const cacheKey = `${run.info.runId}\u0000${key}`;
    const hit = cache.get(cacheKey);
    if (hit) return hit;
    const extremes = await readExtremes(mlflow, run.info.runId, key);
    if (TERMINAL.has(run.info.status)) {
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
      cache.set(cacheKey, extremes);
    }
    return extremes;
  });
  const byRun = new Map<string, Map<string, Extremes>>();
  wanted.forEach(({ run, key }, i) => {
    const perRun = byRun.get(run.info.runId) ?? new Map<string, Extremes>();
    perRun.set(key, found[i] as Extremes);
    byRun.set(run.info.runId, perRun);
  });
  return byRun;
}
