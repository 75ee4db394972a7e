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

export interface SampleRequest {
  runIds: readonly string[];
  key: string;
  /** Points per run, at most MLflow's 2,500. */
  maxResults: number;
  /** An inclusive step window (both or neither). */
  steps?: { start: number; end: number } | undefined;
  /** `Date.now()` after which no run is sampled any more; runs left out are absent from the answer. */
  deadline?: number;
}

export interface HistoryReader {
  /** A metric's full history, all pages, in MLflow's order. */
  read(mlflow: MlflowClient, request: HistoryRequest): Promise<MetricColumns>;
  /** The full history if this process already holds it and it is still current; never asks MLflow. */
  peek(request: HistoryRequest): MetricColumns | undefined;
  /**
   * MLflow's own sampled histories (`get-history-bulk-interval`, what MLflow's charts draw): a few
   * hundred points per run, fetched ahead of queued full reads, one run a call, one call at a time,
   * until the deadline. Spikes between samples are not in it: a preview until the full history is
   * read, never kept. Not cheap on a large store: MLflow 3.18 on SQLite scans every row of the key, in
   * every run, for each run sampled (~5 s a run with 10 million points of `loss` in the table).
   */
  sample(mlflow: MlflowClient, request: SampleRequest): Promise<Map<string, MetricColumns>>;
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

  const historyId = (runId: string, key: string) => `${runId}\u0000${key}`;
  /** The cached history of a finished run whose latest point is still the one MLflow reports. */
  const current = ({ runId, key, status, latest }: HistoryRequest): MetricColumns | undefined => {
    if (!TERMINAL_STATUSES.has(status)) return undefined;
    const hit = cache.get(historyId(runId, key));
    return hit && (!latest || (hit.latest && sameLatest(hit.latest, latest))) ? hit.columns : undefined;
  };

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

    peek: (request) => current(request),

    read(mlflow, request) {
      const { runId, key, status } = request;
      const id = historyId(runId, key);
      const terminal = TERMINAL_STATUSES.has(status);
      const hit = current(request);
      if (hit) return Promise.resolve(hit);
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

    async sample(mlflow, { runIds, key, maxResults, steps, deadline = Infinity }) {
      const sampled = new Map<string, MetricColumns>();
      for (const runId of runIds) {
        const metrics = await limit(
          async () =>
            Date.now() < deadline
              ? mlflow.metrics.getHistoryBulkInterval({
                  runIds: [runId],
                  metricKey: key,
                  maxResults: Math.min(maxResults, BULK_INTERVAL_MAX_RESULTS),
                  ...(steps ? { startStep: steps.start, endStep: steps.end } : {}),
                })
              : undefined,
          { urgent: true },
        );
        if (!metrics) break;
        // "Normally grouped per run by step": sorted here anyway, as the full reader's order is.
        sampled.set(runId, toMetricColumns(metrics.sort((a, b) => a.step - b.step || a.timestamp - b.timestamp)));
      }
      return sampled;
    },

    run,
  };
}

/** `get-history-bulk-interval`'s limit of points per run. */
const BULK_INTERVAL_MAX_RESULTS = 2500;

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
