/**
 * The logging pipeline's contract, shared by `track()` (which produces log calls) and the pipeline
 * (which delivers them). A log call stamps its timestamp, enqueues and returns; a background flusher
 * sends `runs/log-batch` chunks within MLflow's limits, retries with backoff, and spools what MLflow
 * cannot take to an append-only file that a later flush, start or `mltrack sync` replays.
 */

import type { LogPipelineStats } from "./options";

/** How a run ended, as MLflow's `runs/update` takes it. */
export type RunEndStatus = "FINISHED" | "FAILED" | "KILLED";

export interface LogPipeline {
  /** Metrics at one step; `timestamp` defaults to now, fixed here so a replay never duplicates a point. Never throws. */
  logMetrics(
    runId: string,
    metrics: Readonly<Record<string, number>>,
    options?: { step?: number; timestamp?: number },
  ): void;
  /** Params (values as MLflow stores them: strings). Never throws. */
  logParams(runId: string, params: Readonly<Record<string, string>>): void;
  /** Tags. Never throws. */
  setTags(runId: string, tags: Readonly<Record<string, string>>): void;
  /** Ends the run after everything logged to it before this call (`runs/update`, delivered in order). Never throws. */
  endRun(runId: string, status: RunEndStatus, endTime?: number): void;
  /** Resolves when everything enqueued so far is in MLflow or in the spool. Never rejects. */
  flush(): Promise<void>;
  /** Flushes, stops the flusher and releases the process (no timers left). Never rejects. */
  shutdown(): Promise<void>;
  /** Counters of what was logged and where it is now (in MLflow, in the spool, in memory). */
  stats?(): LogPipelineStats;
}
