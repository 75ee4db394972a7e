/** The pipeline's options, their defaults, and what it reports about itself. */
import type { MlflowClient } from "../mlflow/client";
import type { MlflowClientOptions } from "../mlflow/config";
import { MltrackConfigError } from "../mlflow/errors";
import type { LogPipeline, PendingArtifact, PendingRun } from "./types";
import type { PipelineLogger } from "./warnings";

export interface LogPipelineOptions extends Pick<
  MlflowClientOptions,
  "trackingUri" | "auth" | "fetch" | "headers" | "timeoutMs" | "env"
> {
  /**
   * A client to send with, used as it is (its own retries come before the pipeline's). By default
   * the pipeline makes one from the options above with no retries of its own: the pipeline retries.
   */
  client?: MlflowClient;
  /**
   * `background` (default): a timer (unref'd, so it never keeps the process alive) sends what was
   * logged every `flushIntervalMs`, and at once whenever a full batch (1,000 metric points) is ready.
   * `immediate`, for serverless functions and route handlers, where nothing may run after the
   * response: no timer and no background replay of other processes' spool; each log call schedules
   * a send on the next turn of the event loop (one `log-batch` carries what one synchronous stretch of
   * code logged), and `await flush()` returns only once every call made before it is in MLflow, or,
   * if MLflow stays unreachable for `spoolAfterMs`, in the spool (local disk, which a serverless
   * instance may lose: check the `spooled` count of `stats()` there).
   */
  mode?: "background" | "immediate";
  /** Background mode: longest a logged entry waits before being sent. Default 1,000 ms. */
  flushIntervalMs?: number;
  /**
   * Memory bound, in entries (metric points, params and tags) not yet in MLflow nor in the spool.
   * When logging outpaces MLflow past it, the oldest batches go to the spool (written by the log call
   * that overflows, so the bound holds even in a loop that never yields). Default 200,000; at least 10,000.
   */
  maxBufferedEntries?: number;
  /** The same bound in bytes (an upper estimate of the requests' size). Default 64 MiB. */
  maxBufferedBytes?: number;
  /** How long MLflow may keep failing before batches go to the spool. Default 10,000 ms. */
  spoolAfterMs?: number;
  /** Delay between attempts: min(baseMs * 2^n, maxMs), jittered to between half and all of it. Default 250 ms, 5,000 ms. */
  retryBackoff?: { baseMs?: number; maxMs?: number };
  /** Spool directory. Default `MLTRACK_SPOOL_DIR`, else `~/.mltrack/spool`. */
  spoolDir?: string;
  /** Replay spool files left for this server by earlier processes, in the background. Default: true in background mode. */
  replaySpoolOnStart?: boolean;
  /** Flush on `beforeExit` (best effort; serverless code should await `flush()`). Default false (true for `sharedLogPipeline`). */
  flushOnExit?: boolean;
  /** Where the pipeline's few warnings go. Default `console`. */
  logger?: PipelineLogger;
  /** Seed of the retry jitter. Default the pid. */
  jitterSeed?: number;
}

export interface ResolvedPipelineOptions {
  mode: "background" | "immediate";
  flushIntervalMs: number;
  maxBufferedEntries: number;
  maxBufferedBytes: number;
  spoolAfterMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  replaySpoolOnStart: boolean;
  flushOnExit: boolean;
  logger: PipelineLogger;
  jitterSeed: number;
}

export const MIN_BUFFERED_ENTRIES = 10_000;

export function resolvePipelineOptions(options: LogPipelineOptions): ResolvedPipelineOptions {
  const mode = options.mode ?? "background";
  if (mode !== "background" && mode !== "immediate") {
    throw new MltrackConfigError(`mode must be "background" or "immediate", got ${JSON.stringify(mode)}.`);
  }
  const maxBufferedEntries = positive(options.maxBufferedEntries, 200_000, "maxBufferedEntries");
  if (maxBufferedEntries < MIN_BUFFERED_ENTRIES) {
    throw new MltrackConfigError(
      `maxBufferedEntries must be at least ${MIN_BUFFERED_ENTRIES}, got ${maxBufferedEntries}.`,
    );
  }
  return {
    mode,
    flushIntervalMs: positive(options.flushIntervalMs, 1_000, "flushIntervalMs"),
    maxBufferedEntries,
    maxBufferedBytes: Math.max(positive(options.maxBufferedBytes, 64 * 2 ** 20, "maxBufferedBytes"), 4 * 2 ** 20),
    spoolAfterMs: nonNegative(options.spoolAfterMs, 10_000, "spoolAfterMs"),
    retryBaseMs: positive(options.retryBackoff?.baseMs, 250, "retryBackoff.baseMs"),
    retryMaxMs: positive(options.retryBackoff?.maxMs, 5_000, "retryBackoff.maxMs"),
    replaySpoolOnStart: options.replaySpoolOnStart ?? mode === "background",
    flushOnExit: options.flushOnExit ?? false,
    logger: options.logger ?? console,
    jitterSeed: options.jitterSeed ?? (typeof process === "undefined" ? 0 : process.pid),
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new MltrackConfigError(`${name} must be a positive number, got ${value}.`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    throw new MltrackConfigError(`${name} must be a number >= 0, got ${value}.`);
  return value;
}

/**
 * Counts in entries (metric points, params and tags). What a log call accepted is, at any moment,
 * `sent + spooled + dropped + buffered`; `sent + spooled` of it is durable (in MLflow or fsynced to
 * disk), so a crash loses at most `buffered`, which `maxBufferedEntries` bounds.
 */
export interface LogPipelineStats {
  /** Accepted by log calls. */
  enqueued: number;
  /** Refused by log calls (invalid key or value, conflicting param, after shutdown), each kind warned once. */
  rejected: number;
  /** Accepted, then delivered to MLflow from memory. */
  sent: number;
  /** Accepted, then written to the spool (fsynced). */
  spooled: number;
  /** Accepted, then refused by MLflow as invalid (4xx): warned once, not retried. */
  dropped: number;
  /** Accepted and in memory: not yet in MLflow nor in the spool. */
  buffered: number;
  /** Delivered to MLflow from the spool (this process's or earlier ones'). */
  replayed: number;
  /** Read from the spool and refused by MLflow as invalid. */
  replayRefused: number;
  /** Runs started while MLflow was unreachable that this pipeline created (rather than found already made). */
  runsCreated: number;
  /** MLflow has been failing for longer than `spoolAfterMs`: new batches go to the spool. */
  offline: boolean;
}

export interface SpoolReplayReport {
  /** Batches (and run ends) sent from spool files in this replay. */
  replayedBatches: number;
  /** Entries sent from spool files in this replay. */
  replayedEntries: number;
  /** Entries MLflow refused as invalid (dropped, with a warning). */
  refusedEntries: number;
  /** Files sent completely and removed. */
  completedFiles: number;
  /** Runs started while MLflow was unreachable, created in MLflow by this replay. */
  createdRuns: number;
  /** Whether the replay stopped because MLflow was unreachable. */
  interrupted: boolean;
  /** Why, when it stopped: MLflow's last failure. */
  lastError?: string;
}

/** What `createLogPipeline` returns: the contract plus what tools and tests observe. */
export interface ManagedLogPipeline extends LogPipeline {
  /** The server this pipeline sends to (and keys its spool files by). */
  readonly trackingUri: string;
  readonly spoolDir: string;
  stats(): LogPipelineStats;
  createRun(run: PendingRun, options?: { after?: Promise<unknown> }): string;
  logArtifact(runId: string, artifact: PendingArtifact): void;
  /**
   * Replays now every spool file for this server that no live process holds, and resolves when all
   * are sent or MLflow has been unreachable for `spoolAfterMs`. Never rejects.
   */
  replaySpool(): Promise<SpoolReplayReport>;
}
