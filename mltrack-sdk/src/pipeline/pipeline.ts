/**
 * The durable logging pipeline. A log call validates cheaply (cached key checks), stamps the
 * timestamp and appends to its run's open batch, column-wise; no await, no JSON, no I/O (except when
 * memory is full, below). One async pump sends, one request at a time:
 *
 *   1. this process's spool segments, oldest first (they hold batches older than anything in memory);
 *   2. sealed batches from memory, in the order they were sealed (so a run's end goes after its data);
 *   3. spool files left by earlier processes, alternating with 2 when both have work.
 *
 * A failure is retried with backoff; once MLflow has been failing for `spoolAfterMs` the pipeline is
 * offline: everything in memory goes to the spool (one fsynced line per batch), and so does whatever
 * is logged next, while a probe (the oldest spooled batch) retries with backoff; the first success
 * replays the spool, then memory. A 4xx naming bad input is warned about once and only that batch is
 * dropped. When logging outpaces MLflow past `maxBufferedEntries`, the log call that overflows moves
 * the oldest sealed batches to the spool, so memory stays bounded even in a loop that never yields.
 * Per-run order survives all of this: the spool receives batches oldest first, segments are named
 * and replayed by their first batch's sequence number, and the spool is always drained before memory.
 *
 * A run started while MLflow was unreachable (`createRun`) is queued as a creation op ahead of its
 * data and logged to under a placeholder id; delivery resolves the placeholder first (`pending.ts`:
 * found by its client run id, else created) and sends its ops under the real id. Every spool segment
 * that holds ops of an unresolved pending run restates its creation first, so any replayer of any
 * file can resolve it from MLflow; ops of a run already resolved are spooled under its real id.
 */
import { checkArtifactPath } from "../mlflow/artifact-path";
import { MlflowClient } from "../mlflow/client";
import { EntityKey, LIMITS } from "../mlflow/validation";
import { retryDelay } from "./backoff";
import { deliver, deliverArtifact, type Delivery } from "./deliver";
import {
  metricBytes,
  metricFits,
  newArtifactOp,
  newCreateOp,
  newDataOp,
  newEndOp,
  stringEntryBytes,
  stringEntryFits,
  withRunId,
  type DataOp,
  type Op,
} from "./ops";
import { PendingRuns } from "./pending";
import { isPendingRunId, pendingRunId } from "./pending-id";
import {
  resolvePipelineOptions,
  type LogPipelineOptions,
  type LogPipelineStats,
  type ManagedLogPipeline,
  type ResolvedPipelineOptions,
  type SpoolReplayReport,
} from "./options";
import {
  appendOp,
  blobPath,
  claimFile,
  createSegment,
  isClaimable,
  listSpoolFiles,
  lockRunCreation,
  releaseFile,
  removeBlob,
  removeFile,
  resolveSpoolDir,
  sealSegment,
  segmentBase,
  serverKey,
  SpoolReader,
  writeBlob,
  type SpoolEntry,
  type SpoolFile,
} from "./spool";
import type { PendingArtifact, PendingRun, RunEndStatus } from "./types";
import { describeError, Warnings } from "./warnings";

export function createLogPipeline(options: LogPipelineOptions = {}): ManagedLogPipeline {
  return new Pipeline(options);
}

type Item =
  { source: "memory"; op: Op } | { source: "own" | "foreign"; op: Op; reader: SpoolReader; entry: SpoolEntry };

interface FlushWaiter {
  target: number;
  /** Attempts started before the waiter came: their failures do not answer it. */
  attemptMark: number;
  resolve: () => void;
}

interface ReplayWaiter {
  attemptMark: number;
  start: { batches: number; replayed: number; refused: number; files: number; runs: number };
  resolve: (report: SpoolReplayReport) => void;
}

/** Keys validated once are remembered; past this many the cache stops growing. */
const KEY_CACHE_LIMIT = 100_000;

class Pipeline implements ManagedLogPipeline {
  readonly trackingUri: string;
  readonly spoolDir: string;
  private readonly client: MlflowClient;
  private readonly o: ResolvedPipelineOptions;
  private readonly warnings: Warnings;
  private readonly pid = process.pid;
  private readonly startMs = uniqueStartMs();
  private readonly serverKey: string;
  private readonly pending: PendingRuns;

  // Memory: open batches per run, then sealed ops in order.
  private readonly open = new Map<string, DataOp>();
  private queue: Op[] = [];
  private queueHead = 0;
  private inflight: Op | null = null;
  private seq = 0;
  private bufferedEntries = 0;
  private bufferedBytes = 0;
  private readonly params = new Map<string, Map<string, string>>();
  private readonly validKeys = new Set<string>();

  // Spool: the segment being appended, this process's sealed segments (by first seq), their reader.
  /** `stated`: pending runs whose creation this segment already holds. */
  private writer: { fd: number; path: string; stated: Set<string> } | null = null;
  private ownSegments: { path: string; firstSeq: number }[] = [];
  private ownReader: SpoolReader | null = null;
  private foreignFiles: SpoolFile[] = [];
  private foreignReader: SpoolReader | null = null;
  private foreignTurn = false;
  private foreignWanted: boolean;

  // Delivery state.
  private pumping: Promise<void> | null = null;
  private current: Item | null = null;
  private failure: { since: number; attempts: number; error: unknown } | null = null;
  private offline = false;
  /** Attempts started so far, and the last one that failed while (or by going) offline. */
  private attempts = 0;
  private lastOfflineFailure = 0;
  private nextAttemptAt = 0;
  private sleeper: { timer: ReturnType<typeof setTimeout>; wake: () => void } | null = null;
  private wakeScheduled = false;
  private readonly timer: ReturnType<typeof setInterval> | null = null;
  private stopping = false;
  private closed = false;
  private shutdownPromise: Promise<void> | null = null;
  private flushWaiters: FlushWaiter[] = [];
  private replayWaiters: ReplayWaiter[] = [];
  private readonly onBeforeExit = () => this.flushBeforeExit();

  private readonly counts = {
    enqueued: 0,
    rejected: 0,
    sent: 0,
    spooled: 0,
    dropped: 0,
    replayed: 0,
    replayRefused: 0,
    replayedBatches: 0,
    completedFiles: 0,
  };

  constructor(options: LogPipelineOptions) {
    this.o = resolvePipelineOptions(options);
    this.client =
      options.client ??
      new MlflowClient({
        ...(options.trackingUri !== undefined ? { trackingUri: options.trackingUri } : {}),
        ...(options.auth !== undefined ? { auth: options.auth } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.env ? { env: options.env } : {}),
        maxRetries: 0,
      });
    this.trackingUri = this.client.config.baseUrl;
    this.spoolDir = resolveSpoolDir(options.spoolDir, options.env ?? process.env);
    this.pending = new PendingRuns(this.client, (clientRunId) => lockRunCreation(this.spoolDir, clientRunId));
    this.serverKey = serverKey(this.trackingUri);
    this.warnings = new Warnings(this.o.logger);
    this.foreignWanted = this.o.replaySpoolOnStart;
    if (this.o.mode === "background") {
      this.timer = setInterval(() => this.tick(), this.o.flushIntervalMs);
      this.timer.unref();
    }
    if (this.o.flushOnExit) process.on("beforeExit", this.onBeforeExit);
    if (this.o.replaySpoolOnStart) {
      const kick = setTimeout(() => this.safely(() => this.findForeignFiles() && this.wake()), 0);
      kick.unref();
    }
  }

  // ---- Log calls: cheap, synchronous, never throwing ---------------------------------------------

  logMetrics(
    runId: string,
    metrics: Readonly<Record<string, number>>,
    options?: { step?: number; timestamp?: number },
  ): void {
    this.append(METRICS, runId, metrics, options);
  }

  logParams(runId: string, params: Readonly<Record<string, string>>): void {
    this.append(PARAMS, runId, params, undefined);
  }

  setTags(runId: string, tags: Readonly<Record<string, string>>): void {
    this.append(TAGS, runId, tags, undefined);
  }

  /**
   * The one frame of the three log calls: refused after shutdown, never throwing, entries added to
   * the run's open batch (sealed and reopened when one more would break a limit), then counted once.
   * `kind` is a constant per caller, so the branch per entry costs nothing measurable.
   */
  private append(
    kind: EntryKind,
    runId: string,
    record: Readonly<Record<string, unknown>>,
    options: { step?: number; timestamp?: number } | undefined,
  ): void {
    if (this.closed) return this.refuseClosed(record);
    try {
      let step = 0;
      let timestamp = 0;
      let seen: Map<string, string> | undefined;
      if (kind === METRICS) {
        timestamp = options?.timestamp ?? Date.now();
        step = options?.step ?? 0;
        if (!Number.isSafeInteger(step) || !Number.isSafeInteger(timestamp) || timestamp < 0) {
          return this.rejectStep(record, step, timestamp);
        }
      } else if (kind === PARAMS) {
        seen = this.params.get(runId);
        if (!seen) this.params.set(runId, (seen = new Map()));
      }
      const tally: Tally = { op: this.openOp(runId), entries: 0, bytes: 0 };
      for (const key in record) {
        const value = record[key];
        if (kind === METRICS) this.addMetric(tally, key, value, step, timestamp);
        else if (kind === PARAMS) this.addParam(tally, runId, seen as Map<string, string>, key, value);
        else this.addTag(tally, key, value);
      }
      this.accepted(tally.entries, tally.bytes);
    } catch (error) {
      this.internalError(error);
    }
  }

  private addMetric(tally: Tally, key: string, value: unknown, step: number, timestamp: number): void {
    if (typeof value !== "number" || !this.keyOk(key)) {
      return this.reject(key, typeof value === "number" ? "key" : "value");
    }
    const size = metricBytes(key);
    if (!metricFits(tally.op, size)) tally.op = this.sealAndReopen(tally.op);
    const op = tally.op;
    op.keys.push(key);
    op.values.push(value);
    op.timestamps.push(timestamp);
    op.steps.push(step);
    counted(tally, size);
  }

  private addParam(tally: Tally, runId: string, seen: Map<string, string>, key: string, raw: unknown): void {
    const value = typeof raw === "string" ? raw : String(raw);
    if (!this.keyOk(key)) return this.reject(key, "key");
    if (value.length > LIMITS.paramValueLength) return this.reject(key, "param-length");
    const before = seen.get(key);
    if (before !== undefined) {
      if (before !== value) {
        this.counts.rejected++;
        this.warnings.once(
          `param-conflict:${key}`,
          () =>
            `Param ${JSON.stringify(key)} of run ${runId} was already logged as ${JSON.stringify(truncate(before))}; MLflow params are immutable, so ${JSON.stringify(truncate(value))} was ignored (log a metric or a tag for values that change).`,
        );
      }
      return;
    }
    const size = stringEntryBytes(key, value);
    if (!stringEntryFits(tally.op, "params", size)) tally.op = this.sealAndReopen(tally.op);
    (tally.op.params ??= new Map()).set(key, value);
    seen.set(key, value);
    counted(tally, size);
  }

  private addTag(tally: Tally, key: string, raw: unknown): void {
    const value = typeof raw === "string" ? raw : String(raw);
    if (!this.keyOk(key)) return this.reject(key, "key");
    if (value.length > LIMITS.tagValueLength) return this.reject(key, "tag-length");
    const size = stringEntryBytes(key, value);
    const tagsMap = tally.op.tags;
    if (tagsMap?.has(key)) {
      // Same batch: the later value replaces the earlier one, as MLflow would.
      const old = stringEntryBytes(key, tagsMap.get(key) as string);
      if (tally.op.bytes - old + size <= LIMITS.batchBytes - 16_384) {
        tagsMap.set(key, value);
        tally.op.bytes += size - old;
        tally.bytes += size - old;
        return;
      }
    }
    if (!stringEntryFits(tally.op, "tags", size)) tally.op = this.sealAndReopen(tally.op);
    (tally.op.tags ??= new Map()).set(key, value);
    counted(tally, size);
  }

  private rejectStep(record: Readonly<Record<string, unknown>>, step: number, timestamp: number): void {
    this.counts.rejected += countKeys(record);
    this.warnings.once(
      "bad-step",
      () =>
        `Ignored metrics logged with step ${step} and timestamp ${timestamp}: both must be whole numbers (timestamp in ms since the epoch).`,
    );
  }

  endRun(runId: string, status: RunEndStatus, endTime?: number): void {
    if (this.closed) return this.refuseClosed({});
    try {
      const open = this.open.get(runId);
      if (open) this.seal(open);
      this.params.delete(runId);
      this.enqueueWhole(newEndOp(runId, status, endTime ?? Date.now()));
    } catch (error) {
      this.internalError(error);
    }
  }

  createRun(run: PendingRun, options?: { after?: Promise<unknown> }): string {
    const runId = pendingRunId(run.clientRunId);
    if (this.closed) {
      this.refuseClosed({});
      return runId;
    }
    try {
      this.pending.register(runId, run);
      if (options?.after) this.pending.awaitAttempt(runId, options.after);
      this.enqueueWhole(newCreateOp(runId, run));
      if (this.o.mode === "background") this.scheduleWake();
    } catch (error) {
      this.internalError(error);
    }
    return runId;
  }

  /**
   * Copies the artifact into the spool now (synchronous disk I/O: this is for runs MLflow could not
   * be reached to create, not a hot path), and queues its upload after what was logged before it.
   */
  logArtifact(runId: string, artifact: PendingArtifact): void {
    if (this.closed) return this.refuseClosed({});
    try {
      const check = checkArtifactPath(artifact.path);
      if (!check.ok || artifact.path === "") {
        this.warnings.once(
          `artifact-path:${artifact.path}`,
          () => `Ignored artifact ${JSON.stringify(truncate(artifact.path))}: ${check.ok ? "no name" : check.reason}.`,
        );
        return;
      }
      const blob = writeBlob(this.spoolDir, artifact.source);
      const open = this.open.get(runId);
      if (open) this.seal(open);
      this.enqueueWhole(newArtifactOp(runId, artifact.path, artifact.contentType, blob));
    } catch (error) {
      this.warnings.once(
        "artifact-spool",
        () =>
          `Could not copy artifact ${JSON.stringify(truncate(artifact.path))} into the spool (${this.spoolDir}): ${describeError(error)}; it is lost.`,
      );
    }
  }

  // ---- Flush, shutdown, replay, stats ------------------------------------------------------------

  flush(): Promise<void> {
    if (this.closed) return Promise.resolve();
    try {
      this.sealAll();
      this.sleeper?.timer.ref?.();
      const promise = new Promise<void>((resolve) => {
        this.flushWaiters.push({ target: this.seq, attemptMark: this.attempts, resolve });
      });
      // Offline, a flush probes MLflow now rather than at the next backoff step.
      if (this.offline) this.interruptSleep();
      this.wake();
      this.settle();
      return promise;
    } catch (error) {
      this.internalError(error);
      return Promise.resolve();
    }
  }

  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.doShutdown().catch((error) => this.internalError(error));
    return this.shutdownPromise;
  }

  replaySpool(): Promise<SpoolReplayReport> {
    const start = {
      batches: this.counts.replayedBatches,
      replayed: this.counts.replayed,
      refused: this.counts.replayRefused,
      files: this.counts.completedFiles,
      runs: this.pending.created,
    };
    if (this.closed) return Promise.resolve(this.replayReport(start, false));
    try {
      this.foreignWanted = true;
      this.findForeignFiles();
      const promise = new Promise<SpoolReplayReport>((resolve) => {
        this.replayWaiters.push({ attemptMark: this.attempts, start, resolve });
      });
      if (this.offline) this.interruptSleep();
      this.foreignTurn = true;
      this.wake();
      this.settle();
      return promise;
    } catch (error) {
      this.internalError(error);
      return Promise.resolve(this.replayReport(start, true));
    }
  }

  stats(): LogPipelineStats {
    return {
      enqueued: this.counts.enqueued,
      rejected: this.counts.rejected,
      sent: this.counts.sent,
      spooled: this.counts.spooled,
      dropped: this.counts.dropped,
      buffered: this.bufferedEntries,
      replayed: this.counts.replayed,
      replayRefused: this.counts.replayRefused,
      runsCreated: this.pending.created,
      offline: this.offline,
    };
  }

  private async doShutdown(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    process.off("beforeExit", this.onBeforeExit);
    this.interruptSleep();
    await this.pumping;
    // Whatever is left (MLflow unreachable) is in the spool: hand it to the next process or `mltrack sync`.
    const left = this.current;
    this.current = null;
    if (left?.source === "memory") this.spillInFlight(left.op);
    this.spillMemory();
    this.releaseSpool();
    this.settle(true);
  }

  private flushBeforeExit(): void {
    // Only when there is something MLflow could take now; an offline spool waits for the next start
    // or `mltrack sync` (else every beforeExit would probe again, and the process would never end).
    const memory = this.bufferedEntries > 0 || this.open.size > 0 || this.queueLength() > 0 || this.inflight !== null;
    if (memory || (!this.offline && this.hasOwnSpool())) void this.flush();
  }

  // ---- Memory --------------------------------------------------------------------------------------

  private openOp(runId: string): DataOp {
    let op = this.open.get(runId);
    if (!op) {
      op = newDataOp(runId);
      this.open.set(runId, op);
    }
    return op;
  }

  private sealAndReopen(op: DataOp): DataOp {
    this.seal(op);
    return this.openOp(op.runId);
  }

  private seal(op: DataOp): void {
    this.open.delete(op.runId);
    if (op.entries === 0) return;
    this.enqueue(op);
    if (this.o.mode === "background") this.scheduleWake();
  }

  private sealAll(): void {
    for (const op of [...this.open.values()]) this.seal(op);
  }

  private enqueue(op: Op): void {
    op.seq = ++this.seq;
    this.queue.push(op);
  }

  /** Queues an op that is whole when made (a run's creation, end or artifact), after what came before it. */
  private enqueueWhole(op: Op): void {
    this.enqueue(op);
    this.bufferedBytes += op.bytes;
    this.afterEnqueue();
  }

  private dequeue(): Op | undefined {
    if (this.queueHead >= this.queue.length) return undefined;
    const op = this.queue[this.queueHead] as Op;
    this.queue[this.queueHead++] = undefined as unknown as Op;
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
    return op;
  }

  private peekQueue(): Op | undefined {
    return this.queueHead < this.queue.length ? this.queue[this.queueHead] : undefined;
  }

  private queueLength(): number {
    return this.queue.length - this.queueHead;
  }

  private accepted(entries: number, bytes: number): void {
    this.counts.enqueued += entries;
    this.bufferedEntries += entries;
    this.bufferedBytes += bytes;
    this.afterEnqueue();
  }

  private afterEnqueue(): void {
    if (this.bufferedEntries > this.o.maxBufferedEntries || this.bufferedBytes > this.o.maxBufferedBytes) {
      this.relieveMemory();
    }
    if (this.o.mode === "immediate") this.scheduleWake();
  }

  /** Memory is full: the oldest batches go to the spool now, down to three quarters of the bound. */
  private relieveMemory(): void {
    const entriesTarget = this.o.maxBufferedEntries * 0.75;
    const bytesTarget = this.o.maxBufferedBytes * 0.75;
    const over = () => this.bufferedEntries > entriesTarget || this.bufferedBytes > bytesTarget;
    this.warnings.once(
      "overflow",
      () =>
        `Logging outpaces MLflow at ${this.trackingUri}: more than ${this.o.maxBufferedEntries} entries waiting, so the oldest batches go to the spool (${this.spoolDir}) and are sent from there.`,
    );
    while (over() && this.queueLength() > 0) this.spill(this.dequeue() as Op);
    if (over()) {
      this.sealAll();
      while (over() && this.queueLength() > 0) this.spill(this.dequeue() as Op);
    }
  }

  private released(op: Op): void {
    this.bufferedEntries -= op.entries;
    this.bufferedBytes -= op.bytes;
  }

  private keyOk(key: string): boolean {
    if (this.validKeys.has(key)) return true;
    if (!EntityKey.safeParse(key).success) return false;
    if (this.validKeys.size < KEY_CACHE_LIMIT) this.validKeys.add(key);
    return true;
  }

  private reject(key: string, why: "key" | "value" | "param-length" | "tag-length"): void {
    this.counts.rejected++;
    const reason = {
      key: "is not a valid MLflow name (at most 250 letters, digits, _ - . : / and spaces, not resolving to another path)",
      value: "has a value that is not a number",
      "param-length": `has a value longer than MLflow's ${LIMITS.paramValueLength} characters for params`,
      "tag-length": `has a value longer than MLflow's ${LIMITS.tagValueLength} characters for tags`,
    }[why];
    this.warnings.once(`${why}:${key}`, () => `Ignored ${JSON.stringify(truncate(key))}: it ${reason}.`);
  }

  private refuseClosed(entries: Readonly<Record<string, unknown>>): void {
    this.counts.rejected += countKeys(entries);
    this.warnings.once("closed", () => "A log call came after shutdown() and was ignored.");
  }

  // ---- The pump ------------------------------------------------------------------------------------

  private tick(): void {
    this.safely(() => {
      if (this.offline) this.spillMemory();
      this.wake();
    });
  }

  private scheduleWake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    const immediate = setImmediate(() => {
      this.wakeScheduled = false;
      this.tick();
    });
    if (this.o.mode === "background") immediate.unref();
  }

  private wake(): void {
    if (this.pumping || this.stopping) return;
    this.pumping = this.pump()
      .catch((error) => this.internalError(error))
      .finally(() => {
        this.pumping = null;
        this.settle();
      });
  }

  private async pump(): Promise<void> {
    for (;;) {
      this.settle();
      if (this.stopping) return;
      if (this.offline) {
        this.spillMemory();
        this.releaseForeign();
        this.settle();
        const wait = this.waitersUnanswered() ? 0 : this.nextAttemptAt - Date.now();
        if (wait > 0) {
          await this.sleep(wait, false);
          continue;
        }
      }
      const item = this.current ?? this.nextItem();
      if (!item) return;
      this.current = item;
      this.attempts++;
      const result = await this.send(item.op);
      this.handle(item, result);
      if (this.current && !this.offline && this.failure && !this.stopping) {
        await this.sleep(this.delay(this.failure.attempts - 1), this.flushWaiters.length > 0);
      }
    }
  }

  /** One attempt at an op; a pending run's op goes under the real id once the run is resolved. */
  private async send(op: Op): Promise<Delivery> {
    if (op.kind === "create") {
      this.pending.register(op.runId, op.run);
      const resolution = await this.pending.resolve(op.runId);
      return resolution.kind === "ok" ? { kind: "ok" } : resolution;
    }
    if (op.kind !== "artifact" && !isPendingRunId(op.runId)) return deliver(this.client, op);
    const resolution = await this.pending.resolve(op.runId);
    if (resolution.kind !== "ok") return resolution;
    if (op.kind === "artifact") {
      return deliverArtifact(this.client, op, resolution.run.artifactUri, blobPath(this.spoolDir, op.blob));
    }
    return deliver(this.client, withRunId(op, resolution.run.runId));
  }

  private nextItem(): Item | undefined {
    const own = this.nextOwn();
    if (own) return own;
    if (this.foreignTurn) {
      const foreign = this.nextForeign();
      this.foreignTurn = false;
      if (foreign) return foreign;
    }
    let op = this.dequeue();
    if (!op && this.open.size > 0) {
      this.sealAll();
      op = this.dequeue();
    }
    if (op) {
      this.inflight = op;
      this.foreignTurn = true;
      return { source: "memory", op };
    }
    return this.nextForeign();
  }

  private nextOwn(): Item | undefined {
    for (;;) {
      if (!this.ownReader) {
        if (this.ownSegments.length === 0) {
          if (!this.writer) return undefined;
          this.sealWriter();
        }
        const segment = this.ownSegments[0] as { path: string };
        this.ownReader = new SpoolReader(segment.path, { resumed: false });
      }
      const entry = this.ownReader.peek();
      this.registerSkipped(this.ownReader);
      if (entry) return { source: "own", op: entry.op, reader: this.ownReader, entry };
      this.finishFile(this.ownReader);
      this.ownReader = null;
      this.ownSegments.shift();
    }
  }

  private nextForeign(): Item | undefined {
    for (;;) {
      if (!this.foreignReader) {
        const file = this.foreignFiles.shift();
        if (!file) return undefined;
        const claimed = isClaimable(file, this.pid) ? claimFile(file, this.pid) : undefined;
        if (!claimed) continue;
        this.foreignReader = new SpoolReader(claimed, { resumed: true });
      }
      const entry = this.foreignReader.peek();
      this.registerSkipped(this.foreignReader);
      if (entry) {
        if (entry.trackingUri !== this.trackingUri) {
          // Same key, another URI (a hash collision, or a file renamed by hand): not ours to send.
          this.releaseForeign();
          continue;
        }
        return { source: "foreign", op: entry.op, reader: this.foreignReader, entry };
      }
      this.finishFile(this.foreignReader);
      this.foreignReader = null;
    }
  }

  /** Runs created by an earlier replay of this file: later lines may need them. */
  private registerSkipped(reader: SpoolReader): void {
    for (const op of reader.takeSkippedCreates()) this.pending.register(op.runId, op.run);
  }

  private handle(item: Item, result: Delivery): void {
    const op = item.op;
    if (result.kind === "failed") {
      if (result.uncertain) {
        op.uncertain = true;
        if (item.source !== "memory") item.reader.markHeadUncertain();
      }
      if (result.auth) {
        this.warnings.once(
          "auth",
          () =>
            `MLflow at ${this.trackingUri} refused the credentials (${describeError(result.error)}); batches are kept in the spool until they are fixed (then run \`mltrack sync\`).`,
        );
      }
      const now = Date.now();
      this.failure ??= { since: now, attempts: 0, error: result.error };
      this.failure.attempts++;
      this.failure.error = result.error;
      if (this.offline) {
        this.current = null;
        this.lastOfflineFailure = this.attempts;
        this.nextAttemptAt = now + this.delay(this.failure.attempts - 1);
      } else if (now - this.failure.since >= this.o.spoolAfterMs) {
        this.goOffline(item);
      }
      return;
    }
    this.current = null;
    if (this.offline) {
      this.offline = false;
      // Files of earlier processes released while offline are free again.
      if (this.foreignWanted) this.findForeignFiles();
    }
    this.failure = null;
    const refused = result.kind === "refused" ? op.entries : (result.refused?.entries ?? 0);
    const delivered = op.entries - refused;
    if (result.kind === "refused" || refused > 0) {
      this.warnDropped(op, result.kind === "refused" ? result.error : result.refused?.error, refused);
    }
    if (item.source === "memory") {
      this.inflight = null;
      this.counts.sent += delivered;
      this.counts.dropped += refused;
      this.released(op);
    } else {
      item.reader.ack();
      this.counts.replayedBatches++;
      this.counts.replayed += delivered;
      this.counts.replayRefused += refused;
    }
    if (op.kind === "artifact") this.safely(() => removeBlob(this.spoolDir, op.blob));
  }

  private goOffline(item: Item): void {
    this.offline = true;
    this.lastOfflineFailure = this.attempts;
    this.nextAttemptAt = Date.now() + this.delay(this.failure?.attempts ?? 0);
    const error = this.failure?.error;
    const seconds = ((Date.now() - (this.failure?.since ?? Date.now())) / 1000).toFixed(1);
    this.warnings.once(
      "offline",
      () =>
        `MLflow at ${this.trackingUri} has been failing for ${seconds} s (${describeError(error)}); logged data goes to the spool (${this.spoolDir}) and is sent when MLflow answers again, by this process, the next one, or \`mltrack sync\`.`,
    );
    this.current = null;
    if (item.source === "memory") this.spillInFlight(item.op);
    this.spillMemory();
  }

  /** The batch being sent is older than everything spooled since it was taken: a segment of its own, replayed first. */
  private spillInFlight(op: Op): void {
    this.inflight = null;
    if (this.writer) this.sealWriter();
    this.spill(op);
    this.sealWriter();
  }

  /** A flush or replay is waiting for an answer from MLflow that no attempt since it began has given. */
  private waitersUnanswered(): boolean {
    const unanswered = (w: { attemptMark: number }) => this.lastOfflineFailure <= w.attemptMark;
    return this.flushWaiters.some(unanswered) || this.replayWaiters.some(unanswered);
  }

  private delay(attempt: number): number {
    return retryDelay(attempt, this.o.retryBaseMs, this.o.retryMaxMs, this.o.jitterSeed);
  }

  private sleep(ms: number, keepAlive: boolean): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleeper = null;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      if (!keepAlive) timer.unref();
      this.sleeper = { timer, wake };
    });
  }

  private interruptSleep(): void {
    this.sleeper?.wake();
  }

  private settle(final = false): void {
    if (this.flushWaiters.length) {
      const memoryDoneUpTo = Math.min(this.peekQueue()?.seq ?? Infinity, this.inflight?.seq ?? Infinity);
      const spoolDone = !this.hasOwnSpool();
      const waiting: FlushWaiter[] = [];
      for (const waiter of this.flushWaiters) {
        const memoryDone = memoryDoneUpTo > waiter.target;
        const gaveUp = this.offline && this.lastOfflineFailure > waiter.attemptMark;
        if (final || (memoryDone && (spoolDone || gaveUp))) {
          waiter.resolve();
        } else waiting.push(waiter);
      }
      this.flushWaiters = waiting;
    }
    if (this.replayWaiters.length) {
      const done = this.foreignFiles.length === 0 && this.foreignReader === null && this.current?.source !== "foreign";
      const waiting: ReplayWaiter[] = [];
      for (const waiter of this.replayWaiters) {
        const gaveUp = this.offline && this.lastOfflineFailure > waiter.attemptMark;
        if (final || done || gaveUp) waiter.resolve(this.replayReport(waiter.start, !done));
        else waiting.push(waiter);
      }
      this.replayWaiters = waiting;
    }
  }

  private replayReport(start: ReplayWaiter["start"], interrupted: boolean): SpoolReplayReport {
    return {
      replayedBatches: this.counts.replayedBatches - start.batches,
      replayedEntries: this.counts.replayed - start.replayed,
      refusedEntries: this.counts.replayRefused - start.refused,
      completedFiles: this.counts.completedFiles - start.files,
      createdRuns: this.pending.created - start.runs,
      interrupted,
      ...(interrupted && this.failure ? { lastError: describeError(this.failure.error) } : {}),
    };
  }

  // ---- Spool ---------------------------------------------------------------------------------------

  private hasOwnSpool(): boolean {
    return this.writer !== null || this.ownSegments.length > 0;
  }

  /** Everything in memory, oldest first, to the spool. */
  private spillMemory(): void {
    this.sealAll();
    for (let op = this.dequeue(); op; op = this.dequeue()) this.spill(op);
  }

  private spill(op: Op): void {
    try {
      if (!this.writer) {
        const base = segmentBase(this.serverKey, this.startMs, this.pid, op.seq);
        this.writer = { ...createSegment(this.spoolDir, base, this.pid), stated: new Set() };
      }
      const line = this.spoolable(op);
      if (line.kind === "create") {
        this.restate(line.run.parentRunId);
        this.writer.stated.add(line.runId);
      } else {
        this.restate(line.runId);
      }
      appendOp(this.writer.fd, line, this.trackingUri);
      this.counts.spooled += op.entries;
    } catch (error) {
      // The one way data is lost: neither MLflow nor the disk would take it.
      this.counts.dropped += op.entries;
      this.warnings.once(
        "spool-failed",
        () =>
          `Could not write to the spool (${this.spoolDir}): ${describeError(error)}. Batches MLflow cannot take now are lost (${op.entries} entries so far; see stats().dropped).`,
      );
    }
    this.released(op);
  }

  /** The op as the spool keeps it: under the real run id (and real parent id) once those are known. */
  private spoolable(op: Op): Op {
    if (op.kind === "create") {
      const parent = op.run.parentRunId;
      const real = parent !== undefined && isPendingRunId(parent) ? this.pending.resolvedId(parent) : undefined;
      return real === undefined ? op : newCreateOp(op.runId, { ...op.run, parentRunId: real });
    }
    const real = isPendingRunId(op.runId) ? this.pending.resolvedId(op.runId) : undefined;
    return real === undefined ? op : withRunId(op, real);
  }

  /**
   * Writes the creation of pending run `runId` (and of its pending parents) into the segment being
   * appended, unless it holds it already or the run is resolved: whoever replays this file, in
   * whatever state the others are, can then find or create the run before sending its ops.
   */
  private restate(runId: string | undefined, depth = 0): void {
    const writer = this.writer;
    if (!writer || runId === undefined || !isPendingRunId(runId) || writer.stated.has(runId) || depth > 64) return;
    writer.stated.add(runId);
    if (this.pending.resolvedId(runId) !== undefined) return;
    const spec = this.pending.spec(runId);
    if (!spec) return;
    this.restate(spec.parentRunId, depth + 1);
    appendOp(writer.fd, this.spoolable(newCreateOp(runId, spec)), this.trackingUri);
  }

  /** Closes the segment being appended and queues it (ordered by first seq) for replay by this process. */
  private sealWriter(): void {
    if (!this.writer) return;
    const { fd, path } = this.writer;
    this.writer = null;
    const sealed = sealSegment(fd, path, this.pid);
    const firstSeq = Number(/-(\d{12})\.replaying-\d+$/.exec(sealed)?.[1] ?? 0);
    // Never ahead of the segment being read; otherwise by first seq (a batch that failed in flight is
    // older than what overflowed to the spool while it was being sent).
    let at = this.ownSegments.length;
    while (at > (this.ownReader ? 1 : 0) && (this.ownSegments[at - 1]?.firstSeq ?? 0) > firstSeq) at--;
    this.ownSegments.splice(at, 0, { path: sealed, firstSeq });
  }

  private finishFile(reader: SpoolReader): void {
    reader.close();
    if (reader.corruptLines > 0) {
      this.warnings.once(
        "corrupt-spool",
        () =>
          `Skipped ${reader.corruptLines} unreadable line(s) in ${reader.path} (a write cut short by a crash: never acknowledged as spooled).`,
      );
    }
    removeFile(reader.path);
    this.counts.completedFiles++;
  }

  private findForeignFiles(): boolean {
    const known = new Set(this.foreignFiles.map((f) => f.path));
    for (const file of listSpoolFiles(this.spoolDir)) {
      if (file.serverKey !== this.serverKey || known.has(file.path)) continue;
      if (isClaimable(file, this.pid)) this.foreignFiles.push(file);
    }
    return this.foreignFiles.length > 0;
  }

  private releaseForeign(): void {
    if (!this.foreignReader) return;
    const reader = this.foreignReader;
    this.foreignReader = null;
    reader.close();
    try {
      releaseFile(reader.path);
    } catch (error) {
      this.internalError(error);
    }
  }

  /** At shutdown: every spool file this process holds becomes free for the next replayer. */
  private releaseSpool(): void {
    this.releaseForeign();
    if (this.ownReader) {
      this.ownReader.close();
      this.ownReader = null;
    }
    if (this.writer) this.sealWriter();
    for (const segment of this.ownSegments) {
      try {
        releaseFile(segment.path);
      } catch (error) {
        this.internalError(error);
      }
    }
    this.ownSegments = [];
  }

  // ---- Errors ------------------------------------------------------------------------------------

  private warnDropped(op: Op, error: unknown, entries: number): void {
    const what =
      op.kind === "end"
        ? `the end of run ${op.runId}`
        : op.kind === "create"
          ? `to create run ${JSON.stringify(op.run.runName ?? op.runId)} (started while MLflow was unreachable; what was logged to it is dropped with it)`
          : op.kind === "artifact"
            ? `artifact ${JSON.stringify(op.path)} of run ${op.runId}`
            : `${entries} entries of run ${op.runId}`;
    this.warnings.once(
      `dropped:${describeError(error).slice(0, 40)}`,
      () =>
        `MLflow refused ${what} as invalid, so that batch was dropped (not retried): ${describeError(error)}. Other batches are unaffected; stats().dropped counts what was dropped.`,
    );
  }

  private internalError(error: unknown): void {
    this.warnings.once(
      "internal",
      () => `Internal error in the logging pipeline (logging continues): ${describeError(error)}`,
    );
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.internalError(error);
    }
  }
}

const METRICS = 0;
const PARAMS = 1;
const TAGS = 2;
type EntryKind = typeof METRICS | typeof PARAMS | typeof TAGS;

/** What one log call has added so far: the batch it is filling, and its entries and bytes. */
interface Tally {
  op: DataOp;
  entries: number;
  bytes: number;
}

function counted(tally: Tally, size: number): void {
  tally.op.entries++;
  tally.op.bytes += size;
  tally.entries++;
  tally.bytes += size;
}

let lastStartMs = 0;

/** Pipelines of one process name their spool segments apart by their start time: make it unique. */
function uniqueStartMs(): number {
  lastStartMs = Math.max(Date.now(), lastStartMs + 1);
  return lastStartMs;
}

function countKeys(record: Readonly<Record<string, unknown>>): number {
  let n = 0;
  for (const _ in record) n++;
  return n;
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
