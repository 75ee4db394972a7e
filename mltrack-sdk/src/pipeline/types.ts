/**
 * The logging pipeline's contract, shared by `track()` (which produces log calls) and the pipeline
 * (which delivers them). A log call stamps its timestamp, enqueues and returns; a background flusher
 * sends `runs/log-batch` chunks within MLflow's limits, retries with backoff, and spools what MLflow
 * cannot take to an append-only file that a later flush, start or `mltrack sync` replays. A run
 * MLflow could not be reached to create is handed over too (`createRun`): its creation travels ahead
 * of its data, through memory and the spool, and is resolved to the real run before that data is sent.
 */

import type { LogPipelineStats } from "./options";

/** How a run ended, as MLflow's `runs/update` takes it. */
export type RunEndStatus = "FINISHED" | "FAILED" | "KILLED";

/** An experiment by name (created when missing) or by id. */
export type ExperimentRef = { name: string } | { id: string };

/**
 * A run that MLflow could not be reached to create when it started. The pipeline creates it, or
 * finds it by its client run id when an earlier attempt did, before anything logged to it.
 */
export interface PendingRun {
  /** The id the client chose (a UUID); the run is tagged with it (`mltrack.client_run_id`). */
  clientRunId: string;
  experiment: ExperimentRef;
  runName?: string;
  /** When the run started (ms since the epoch), as the tracked call stamped it. */
  startTime: number;
  tags: Readonly<Record<string, string>>;
  /** The parent run: its MLflow run id, or a pending parent's placeholder id (resolved first). */
  parentRunId?: string;
}

/** An artifact for a pending run: its bytes, or a file the pipeline copies at once. */
export interface PendingArtifact {
  /** Its path in the run (checked as every artifact path is). */
  path: string;
  contentType: string;
  source: { bytes: Uint8Array } | { file: string };
}

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
  /**
   * Takes a run MLflow could not be reached to create: queues its creation ahead of its data and
   * returns the placeholder id to log to it under (never sent to MLflow: the pipeline sends the real
   * id once it has created or found the run). Pipelines without it cannot keep such runs. `after`: a
   * `runs/create` of this run (same client run id) already sent; the run is looked up only once it has
   * settled, so the pipeline never creates a second one.
   */
  createRun?(run: PendingRun, options?: { after?: Promise<unknown> }): string;
  /** An artifact of a run given by `createRun`: copied into the spool now, uploaded once the run exists. */
  logArtifact?(runId: string, artifact: PendingArtifact): void;
  /** Resolves when everything enqueued so far is in MLflow or in the spool. Never rejects. */
  flush(): Promise<void>;
  /** Flushes, stops the flusher and releases the process (no timers left). Never rejects. */
  shutdown(): Promise<void>;
  /** Counters of what was logged and where it is now (in MLflow, in the spool, in memory). */
  stats?(): LogPipelineStats;
}
