import "server-only";
import type { MlflowClient, Run } from "mltrack-sdk/mlflow";
import { sharedHistoryReader, type HistoryReader } from "@/features/metrics/server";

export interface Extremes {
  min: number;
  max: number;
}

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

/**
 * For each run, the min and max of each of `metricKeys` it has logged. Histories come through the
 * metric charts' shared reader: one concurrency cap on MLflow, finished runs' histories cached.
 */
export async function metricExtremes(
  mlflow: MlflowClient,
  runs: readonly Run[],
  metricKeys: readonly string[],
  reader: HistoryReader = sharedHistoryReader(),
): Promise<Map<string, Map<string, Extremes>>> {
  const wanted = runs.flatMap((run) =>
    metricKeys.filter((key) => key in run.data.metrics).map((key) => ({ run, key })),
  );
  const found = await Promise.all(
    wanted.map(async ({ run, key }) => {
      const { runId, status } = run.info;
      const history = await reader.read(mlflow, { runId, key, status, latest: run.data.metrics[key] });
      return extremesOf(history.values);
    }),
  );
  const byRun = new Map<string, Map<string, Extremes>>();
  wanted.forEach(({ run, key }, i) => {
    const perRun = byRun.get(run.info.runId) ?? new Map<string, Extremes>();
    perRun.set(key, found[i] as Extremes);
    byRun.set(run.info.runId, perRun);
  });
  return byRun;
}
