import "server-only";
import type { Metric, MlflowClient, Run, RunStatus } from "mltrack-sdk/mlflow";
import { toMetricColumns, type MetricColumns } from "@/features/compare/prepare";
import { env } from "@/lib/env";
import { createLimiter, type Limiter } from "./limiter";
import { PointLru } from "./point-lru";
import { createRunBatcher } from "./run-batcher";

/** Statuses after which MLflow logs nothing more to a run: its histories are safe to keep. */
export const TERMINAL_STATUSES: ReadonlySet<RunStatus> = new Set(["FINISHED", "FAILED", "KILLED"]);

export interface HistoryReaderOptions {
  /**
   * MLflow calls in flight at once, over every request of this process; default 4. A `get-history` page
   * of 25,000 points costs MLflow seconds on a large table; more in flight only queue inside MLflow
   * (8 queued pages of one worker passed the 30 s call timeout on 100 runs x 100,000 steps).
   */
  concurrency?: number;
  /** Points kept of finished runs' histories, at 24 bytes each; default 5,000,000 (~120 MB). The shared reader takes MLTRACK_HISTORY_CACHE_POINTS. */
  cachePoints?: number;
  /** `metrics/get-history` page size; default MLflow's maximum, 25,000. */
  pageSize?: number;
}

export interface HistoryRequest {
  runId: string;
  key: string;
  /** The run's status when asked: only a FINISHED, FAILED or KILLED run's history is cached. */
  status: RunStatus;
  /**
   * The run's latest value of `key` from its summary, when known. MLflow still accepts points for a
   * finished run (a later evaluation, say); a cached history whose latest point differs is re-read.
   */
  latest?: Pick<Metric, "step" | "timestamp" | "value">;
}

export interface HistoryReader {
  /** A metric's full history, all pages, in MLflow's order. */
  read(mlflow: MlflowClient, request: HistoryRequest): Promise<MetricColumns>;
  /**
   * A run by id; reads asked in the same turn share `runs/search` calls (see `createRunBatcher`).
   * Never cached: its status and latest metrics can change.
   */
  run(mlflow: MlflowClient, runId: string): Promise<Run>;
  /** Points the cache holds now. */
  readonly cachedPoints: number;
}

interface Cached {
  columns: MetricColumns;
  latest: Pick<Metric, "step" | "timestamp" | "value"> | undefined;
}

/**
 * Reads metric histories from MLflow for every chart and table of this process: paginated
 * `metrics/get-history` calls under one concurrency cap, concurrent reads of the same (run, key)
 * shared, and finished runs' histories kept in an LRU bounded by points. A RUNNING run is always re-read.
 */
export function createHistoryReader(options: HistoryReaderOptions = {}): HistoryReader {
  const { concurrency = 4, cachePoints = 5_000_000, pageSize = 25_000 } = options;
  const limit: Limiter = createLimiter(concurrency);
  const cache = new PointLru<Cached>(cachePoints);
  const histories = new Map<string, Promise<MetricColumns>>();
  const run = createRunBatcher({ limit });

  const fetchHistory = (mlflow: MlflowClient, runId: string, key: string) =>
    limit(async () => {
      const page: Metric[] = [];
      for await (const metric of mlflow.metrics.getHistoryAll({ runId, metricKey: key, maxResults: pageSize })) {
        page.push(metric);
      }
      return toMetricColumns(page);
    });

  return {
    get cachedPoints() {
      return cache.size;
    },

    read(mlflow, { runId, key, status, latest }) {
      const id = `${runId}\u0000${key}`;
      const terminal = TERMINAL_STATUSES.has(status);
      if (terminal) {
        const hit = cache.get(id);
        if (hit && (!latest || (hit.latest && sameLatest(hit.latest, latest)))) return Promise.resolve(hit.columns);
      }
      const pending = histories.get(id);
      if (pending) return pending;
      const read = fetchHistory(mlflow, runId, key)
        .then((columns) => {
          if (terminal) cache.set(id, { columns, latest: latestOf(columns) }, Math.max(1, columns.values.length));
          return columns;
        })
        .finally(() => histories.delete(id));
      histories.set(id, read);
      return read;
    },

    run,
  };
}

/** The latest point as MLflow's run summary defines it: the largest (step, timestamp, value). */
export function latestOf({ steps, timestamps, values }: MetricColumns): Cached["latest"] {
  let best = -1;
  for (let i = 0; i < steps.length; i++) {
    if (
      best === -1 ||
      steps[i]! > steps[best]! ||
      (steps[i] === steps[best] &&
        (timestamps[i]! > timestamps[best]! || (timestamps[i] === timestamps[best] && values[i]! > values[best]!)))
    ) {
      best = i;
    }
  }
  return best === -1 ? undefined : { step: steps[best]!, timestamp: timestamps[best]!, value: values[best]! };
}

function sameLatest(a: NonNullable<Cached["latest"]>, b: NonNullable<Cached["latest"]>): boolean {
  return a.step === b.step && a.timestamp === b.timestamp && Object.is(a.value, b.value);
}

const SHARED = Symbol.for("mltrack.metrics.historyReader");

/**
 * The process's one reader. Kept on `globalThis` so that every route bundle that imports this module
 * shares one cache and one concurrency cap.
 */
export function sharedHistoryReader(): HistoryReader {
  const store = globalThis as typeof globalThis & { [SHARED]?: HistoryReader };
  store[SHARED] ??= createHistoryReader({ cachePoints: env.MLTRACK_HISTORY_CACHE_POINTS });
  return store[SHARED];
}
