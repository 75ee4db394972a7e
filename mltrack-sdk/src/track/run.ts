/**
 * A run as the tracked code sees it: a client-side handle that exists from the moment the function is
 * called, before MLflow has been asked for the run.
 *
 * Why run creation is asynchronous with a client-side handle, rather than awaited: a tracked
 * synchronous function must stay synchronous for its caller, and `runs/create` is a network call. So
 * the wrapper makes this handle synchronously (start time, params, tags fixed at call time), starts
 * `runs/create` in the background, and runs the function at once. Log calls made while the run is
 * being created are stamped with their timestamp and held here, in order and bounded; once MLflow
 * answers with the run id they go to the pipeline, and later calls go straight there. A function that
 * logs more than may be held before the answer can arrive (a loop that never yields to the event loop
 * keeps `runs/create` from even being sent) hands its run to the pipeline as a pending run, below,
 * instead of dropping anything.
 *
 * If MLflow cannot be reached at run start (connection refused, timeouts, 5xx, 429: transient
 * failures, after a few seconds of retries), the run is not lost: it becomes a pending run of the
 * pipeline (`LogPipeline.createRun`), whose creation is queued ahead of the held calls and of every
 * later one, all under a placeholder id; the pipeline creates the run when MLflow answers (this
 * process, the next one, or `mltrack sync`, looking it up by its client run id first) and delivers
 * its data, artifacts and end under the real id. A nested run of a pending parent is pending too, and
 * gets the parent's real id as `mlflow.parentRunId` once both are created. Only a refusal by MLflow
 * (a deleted experiment, bad credentials), or a pipeline without `createRun`, drops the run and what
 * was held for it, with a warning.
 */
import { randomUUID } from "node:crypto";
import {
  LLM_METRICS,
  LLM_TAGS,
  MLFLOW_TAGS,
  MLTRACK_ARTIFACTS,
  MLTRACK_METRICS,
  MLTRACK_TAGS,
  type RunCategory,
} from "../mlflow/tags";
import type { ExperimentRef, PendingRun, RunEndStatus } from "../pipeline/types";
import {
  artifactFrom,
  imageArtifact,
  jsonArtifact,
  textArtifact,
  type ArtifactPayload,
  type ArtifactSource,
} from "./artifacts";
import { gitRunTags, staticRunTags } from "./environment";
import { isValidKey, PARAM_VALUE_LIMIT, TAG_VALUE_LIMIT, truncateVisibly } from "./keys";
import { llmUsageOf, StreamUsage, type LlmUsage } from "./llm";
import { captureOutput } from "./outputs";
import { costOf, findPricing, type ModelPricing } from "./pricing";
import { isTransient, type Tracker } from "./tracker";
import { reportProblem, safely } from "./warn";
import { scalarText } from "./inputs";

/**
 * Metric values held at most while a run is being created. Past it the run is handed to the pipeline
 * (see `RunHandle.handOverEarly`); only where that cannot be done are later values dropped (and reported).
 */
export const MAX_HELD_METRIC_VALUES = 200_000;

/** What is known of the run once MLflow has created it. */
export interface CreatedRun {
  runId: string;
  experimentId: string;
  artifactUri: string;
}

export interface RunSettings {
  tracker: Tracker;
  parent: RunHandle | undefined;
  /** An experiment name given for this run; else the parent's experiment, else the default. */
  experiment: string | undefined;
  runName: string | undefined;
  tags: Record<string, string>;
  category: RunCategory;
  captureOutputs: boolean;
  pricing: Readonly<Record<string, ModelPricing>> | undefined;
}

/** Where a run stands once its creation is settled. */
export type RunState =
  | { kind: "created"; run: CreatedRun }
  /** MLflow could not be reached: the pipeline creates the run later; `runId` is its placeholder. */
  | { kind: "pending"; runId: string; experiment: ExperimentRef }
  | { kind: "lost" };

type Held =
  | { kind: "metrics"; metrics: Record<string, number>; step: number; timestamp: number }
  | { kind: "params"; params: Record<string, string> }
  | { kind: "tags"; tags: Record<string, string> }
  | { kind: "artifact"; artifact: ArtifactPayload }
  | { kind: "end"; status: RunEndStatus; endTime: number };

export class RunHandle {
  readonly startTime = Date.now();
  /** Resolves once creation is settled: created, pending in the pipeline, or lost. Never rejects. */
  readonly settled: Promise<RunState>;
  /** Resolves to the created run, or undefined when MLflow did not create it at start. Never rejects. */
  readonly created: Promise<CreatedRun | undefined>;
  private run: CreatedRun | undefined;
  /** The id log calls go to: the run's, or its placeholder while it is pending in the pipeline. */
  private target: string | undefined;
  /** The client-chosen id the run is created with (and found by after a retry or a replay). */
  private readonly clientRunId = randomUUID();
  /** Where the run lives once known, for nested runs handed over early (see `handOverEarly`). */
  private experimentNow: ExperimentRef | undefined;
  /** `runs/create` sent directly, until it settles. */
  private attempt: Promise<unknown> | undefined;
  private lost = false;
  private held: Held[] = [];
  private heldValues = 0;
  private droppedValues = 0;
  private ended = false;
  private nextStep = 0;
  private llmCalls = 0;
  private category: RunCategory;
  private readonly params = new Map<string, string>();
  private readonly llmSeen = new WeakSet<object>();
  private readonly streamUsage = new StreamUsage();

  constructor(readonly settings: RunSettings) {
    this.category = settings.category;
    this.settled = settings.tracker.watch(this.create());
    this.created = this.settled.then((state) => (state.kind === "created" ? state.run : undefined));
  }

  get tracker(): Tracker {
    return this.settings.tracker;
  }

  private async create(): Promise<RunState> {
    try {
      return await this.createOrHandOver();
    } catch (err) {
      return this.lose(err);
    }
  }

  /** Creates the run in MLflow; when MLflow cannot be reached, hands it to the pipeline instead. */
  private async createOrHandOver(): Promise<RunState> {
    const { tracker, parent } = this.settings;
    const { clientRunId } = this;
    const parentState = parent && parent.tracker === tracker ? await parent.settled : undefined;
    let experiment = tracker.experimentRef(this.settings.experiment);
    if (this.settings.experiment === undefined && parentState?.kind === "created") {
      experiment = { id: parentState.run.experimentId };
    } else if (this.settings.experiment === undefined && parentState?.kind === "pending") {
      experiment = parentState.experiment;
    }
    const parentRunId =
      parentState?.kind === "created"
        ? parentState.run.runId
        : parentState?.kind === "pending"
          ? parentState.runId
          : undefined;
    let tags: Record<string, string> = {};
    try {
      tags = {
        ...staticRunTags(),
        ...(await gitRunTags()),
        [MLTRACK_TAGS.category]: this.category,
        ...this.settings.tags,
      };
      if (this.target !== undefined) return this.handedOverEarly(tags);
      // The parent exists only in the pipeline so far: so must this run, to be created after it.
      if (parentState?.kind === "pending") return this.becomePending(clientRunId, experiment, tags, parentRunId);
      if (parentRunId !== undefined) tags[MLFLOW_TAGS.parentRunId] = parentRunId;
      const experimentId = await tracker.experimentId(experiment);
      if (this.target !== undefined) return this.handedOverEarly(tags);
      this.attempt = tracker.createRun({
        experimentId,
        ...(this.settings.runName ? { runName: this.settings.runName } : {}),
        startTime: this.startTime,
        tags,
        clientRunId,
      });
      const made = (await this.attempt) as Awaited<ReturnType<Tracker["createRun"]>>;
      this.experimentNow = { id: experimentId };
      // Handed over while `runs/create` was in flight: the pipeline, which waited for this attempt,
      // finds the run by its client id; log calls keep going to the placeholder.
      if (this.target !== undefined) return this.handedOverEarly({});
      this.run = { runId: made.info.runId, experimentId, artifactUri: made.info.artifactUri };
    } catch (err) {
      if (this.target !== undefined) return this.handedOverEarly({});
      if (isTransient(err) && tracker.pipeline.createRun) {
        const pending = safely("Handing a run to the pipeline", () =>
          this.becomePending(clientRunId, experiment, tags, parentRunId, err),
        );
        if (pending) return pending;
      }
      return this.lose(err);
    }
    this.target = this.run.runId;
    this.release();
    return { kind: "created", run: this.run };
  }

  /**
   * Whether the run lives in the pipeline already, handed over because more was logged to it than may
   * be held while it is created (a training loop that never yields to the event loop keeps `runs/create`
   * from ever being sent). Tags gathered since then go after it.
   */
  private handedOverEarly(tags: Record<string, string>): RunState {
    const runId = this.target as string;
    if (Object.keys(tags).length) {
      const later = { ...tags };
      delete later[MLFLOW_TAGS.parentRunId];
      this.deliver({ kind: "tags", tags: later });
    }
    return {
      kind: "pending",
      runId,
      experiment: this.experimentNow ?? this.tracker.experimentRef(this.settings.experiment),
    };
  }

  /**
   * Hands the run to the pipeline now, as a run to create (after the `runs/create` this handle may
   * already have sent, which the pipeline waits for, so there is never a second run): everything held
   * goes there, and memory stays bounded by the pipeline's own limit and spool. Git tags, still being
   * read, follow as ordinary tags. False when it cannot be done yet (no pipeline that keeps runs, or a
   * nested run whose parent is not settled): then calls keep being held.
   */
  private handOverEarly(): boolean {
    const { tracker, parent } = this.settings;
    const { pipeline } = tracker;
    if (!pipeline.createRun || this.lost) return false;
    let experiment = this.experimentNow ?? tracker.experimentRef(this.settings.experiment);
    let parentRunId: string | undefined;
    if (parent && parent.tracker === tracker) {
      // A parent blocked the same way goes first: the pipeline creates it before this run.
      if (parent.target === undefined && !parent.handOverEarly()) return false;
      parentRunId = parent.target;
      if (this.settings.experiment === undefined && parent.experimentNow) experiment = parent.experimentNow;
      else if (this.settings.experiment === undefined) return false;
    }
    const { clientRunId } = this;
    const run: PendingRun = {
      clientRunId,
      experiment,
      ...(this.settings.runName ? { runName: this.settings.runName } : {}),
      startTime: this.startTime,
      tags: {
        ...staticRunTags(),
        [MLTRACK_TAGS.category]: this.category,
        ...this.settings.tags,
        [MLTRACK_TAGS.clientRunId]: clientRunId,
      },
      ...(parentRunId !== undefined ? { parentRunId } : {}),
    };
    this.target = pipeline.createRun(run, this.attempt ? { after: this.attempt } : undefined);
    this.experimentNow = experiment;
    this.release();
    return true;
  }

  /**
   * MLflow could not be reached: the pipeline takes the run (its creation queued ahead of everything
   * held and logged later) and creates it when MLflow answers.
   */
  private becomePending(
    clientRunId: string,
    experiment: ExperimentRef,
    tags: Record<string, string>,
    parentRunId: string | undefined,
    err?: unknown,
  ): RunState {
    const { pipeline } = this.tracker;
    if (!pipeline.createRun) throw new Error("The pipeline cannot keep runs started while MLflow is unreachable");
    const run: PendingRun = {
      clientRunId,
      experiment,
      ...(this.settings.runName ? { runName: this.settings.runName } : {}),
      startTime: this.startTime,
      tags: { ...tags, [MLTRACK_TAGS.clientRunId]: clientRunId },
      ...(parentRunId !== undefined ? { parentRunId } : {}),
    };
    this.target = pipeline.createRun(run);
    this.experimentNow = experiment;
    if (err !== undefined) {
      reportProblem(
        `MLflow could not be reached to create run ${JSON.stringify(this.settings.runName ?? clientRunId)}; it is kept with everything logged to it (in the logging pipeline, then its on-disk spool) and created when MLflow answers: later in this process, by the next one, or by \`mltrack sync\``,
        err,
      );
    }
    this.release();
    return { kind: "pending", runId: this.target, experiment };
  }

  /** MLflow refused the run (or nothing can keep it): what was held for it is dropped. */
  private lose(err: unknown): RunState {
    this.lost = true;
    const held = this.held.reduce((n, op) => n + (op.kind === "metrics" ? Object.keys(op.metrics).length : 0), 0);
    for (const op of this.held)
      if (op.kind === "artifact") safely("Releasing an artifact", () => op.artifact.release());
    this.held = [];
    reportProblem(
      `MLflow could not create the run${held ? ` (${held} metric values logged to it are lost)` : ""}`,
      err,
    );
    return { kind: "lost" };
  }

  /** Hands what was held while the run was being created to where it goes now. */
  private release(): void {
    const held = this.held;
    this.held = [];
    for (const op of held) this.deliver(op);
    if (this.droppedValues > 0) {
      reportProblem(
        `${this.droppedValues} metric values logged while MLflow was creating run ${this.target} were dropped (more than ${MAX_HELD_METRIC_VALUES} waiting)`,
      );
    }
  }

  private submit(op: Held): void {
    if (this.target !== undefined) return this.deliver(op);
    if (this.lost) {
      if (op.kind === "artifact") safely("Releasing an artifact", () => op.artifact.release());
      return;
    }
    if (op.kind === "metrics") {
      const values = Object.keys(op.metrics).length;
      if (this.heldValues + values > MAX_HELD_METRIC_VALUES) {
        if (safely("Handing a run to the pipeline", () => this.handOverEarly())) return this.deliver(op);
        this.droppedValues += values;
        return;
      }
      this.heldValues += values;
    }
    this.held.push(op);
  }

  private deliver(op: Held): void {
    const runId = this.target as string;
    const { pipeline } = this.settings.tracker;
    safely("Handing a log call to the pipeline", () => {
      switch (op.kind) {
        case "metrics":
          return pipeline.logMetrics(runId, op.metrics, { step: op.step, timestamp: op.timestamp });
        case "params":
          return pipeline.logParams(runId, op.params);
        case "tags":
          return pipeline.setTags(runId, op.tags);
        case "end":
          return pipeline.endRun(runId, op.status, op.endTime);
        case "artifact":
          if (this.run) return void this.tracker.upload(this.run, op.artifact);
          return this.spoolArtifact(runId, op.artifact);
      }
    });
  }

  /**
   * An artifact of a pending run: its bytes go into the pipeline's spool now and are uploaded once the
   * run exists. A pipeline without `logArtifact` cannot keep them: the artifact is lost, saying so.
   */
  private spoolArtifact(runId: string, artifact: ArtifactPayload): void {
    try {
      const { pipeline } = this.settings.tracker;
      if (!pipeline.logArtifact) {
        reportProblem(
          `Artifact ${JSON.stringify(artifact.path)} was lost: its run was started while MLflow was unreachable, and the logging pipeline in use cannot keep artifacts until the run exists`,
        );
        return;
      }
      pipeline.logArtifact(runId, {
        path: artifact.path,
        contentType: artifact.contentType,
        source: artifact.source(),
      });
    } finally {
      safely("Releasing an artifact", () => artifact.release());
    }
  }

  /** Metrics at `step` (default: the step after the last one logged to this run). */
  log(metrics: Readonly<Record<string, unknown>>, options: { step?: number; timestamp?: number } = {}): void {
    const timestamp = options.timestamp ?? Date.now();
    const { step } = options;
    if (step !== undefined && !Number.isSafeInteger(step)) {
      return reportProblem(`log(): step must be an integer, got ${String(step)}; the call was dropped`);
    }
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
      return reportProblem(
        `log(): timestamp must be epoch milliseconds, got ${String(timestamp)}; the call was dropped`,
      );
    }
    const at = step ?? this.nextStep;
    this.nextStep = Math.max(this.nextStep, at + 1);
    this.logMetricsAt(metrics, at, timestamp);
  }

  private logMetricsAt(metrics: Readonly<Record<string, unknown>>, step: number, timestamp: number): void {
    // A copy: the caller may reuse and change its object for the next step while this one waits.
    const out: Record<string, number> = {};
    let count = 0;
    let bad: string[] | undefined;
    for (const key in metrics) {
      const value = metrics[key];
      if ((typeof value === "number" || typeof value === "bigint") && isValidKey(key)) {
        out[key] = Number(value);
        count++;
      } else (bad ??= []).push(key);
    }
    if (bad) {
      reportProblem(
        `Metrics ${bad.map((k) => JSON.stringify(k)).join(", ")} were dropped: metric names are letters, digits and _ - . / : space (at most 250), values numbers`,
      );
    }
    if (count > 0) this.submit({ kind: "metrics", metrics: out, step, timestamp });
  }

  /** Params: scalars, as MLflow stores them (text). A param cannot change: a second, different value is refused. */
  logParams(params: Readonly<Record<string, unknown>>): void {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) continue;
      if (!isValidKey(key)) {
        reportProblem(`Param ${JSON.stringify(key)} was dropped: not a valid MLflow name`);
        continue;
      }
      let text = scalarText(value) ?? JSON.stringify(value) ?? String(value);
      if (text.length > PARAM_VALUE_LIMIT) {
        reportProblem(`Param ${JSON.stringify(key)} is longer than MLflow's ${PARAM_VALUE_LIMIT} characters: cut`);
        text = truncateVisibly(text, PARAM_VALUE_LIMIT);
      }
      const before = this.params.get(key);
      if (before === text) continue;
      if (before !== undefined) {
        reportProblem(
          `Param ${JSON.stringify(key)} already has value ${JSON.stringify(before)} in this run; MLflow params cannot change (log a metric or a tag instead)`,
        );
        continue;
      }
      this.params.set(key, text);
      out[key] = text;
    }
    if (Object.keys(out).length > 0) this.submit({ kind: "params", params: out });
  }

  /** Tags (text); values beyond MLflow's 8,000 characters are cut, saying so. */
  setTags(tags: Readonly<Record<string, unknown>>): void {
    const out = cleanTags(tags);
    if (Object.keys(out).length > 0) this.submit({ kind: "tags", tags: out });
  }

  logArtifact(source: ArtifactSource, name?: string): void {
    this.submit({ kind: "artifact", artifact: artifactFrom(source, name) });
  }

  logText(text: string, name: string): void {
    this.submit({ kind: "artifact", artifact: textArtifact(text, name) });
  }

  logJson(value: unknown, name: string): void {
    this.submit({ kind: "artifact", artifact: jsonArtifact(value, name) });
  }

  logImage(image: ArtifactSource, name: string, options: { step?: number } = {}): void {
    this.submit({ kind: "artifact", artifact: imageArtifact(image, name, options.step) });
  }

  /**
   * Token usage (and cost) of one LLM response, as one point of the `llm.*` metrics at the next call
   * step; tags the run `llm`. Returns false when the response carries no usage. A response is counted
   * once per run, however often it is passed.
   */
  logLlmUsage(response: unknown): boolean {
    if (response !== null && typeof response === "object") {
      if (this.llmSeen.has(response)) return true;
      const usage = llmUsageOf(response);
      if (!usage) return false;
      this.llmSeen.add(response);
      this.recordUsage(usage);
      return true;
    }
    return false;
  }

  private recordUsage(usage: LlmUsage): void {
    const metrics: Record<string, number> = {
      [LLM_METRICS.promptTokens]: usage.promptTokens,
      [LLM_METRICS.completionTokens]: usage.completionTokens,
      [LLM_METRICS.totalTokens]: usage.totalTokens,
    };
    const price = usage.model ? findPricing(usage.model, this.settings.pricing) : undefined;
    if (price) metrics[LLM_METRICS.costUsd] = costOf(usage, price.pricing);
    this.logMetricsAt(metrics, this.llmCalls++, Date.now());
    const tags: Record<string, string> = { [LLM_TAGS.provider]: usage.provider };
    if (usage.model) tags[LLM_TAGS.model] = usage.model;
    if (this.category !== "llm") {
      this.category = "llm";
      tags[MLTRACK_TAGS.category] = "llm";
    }
    this.setTags(tags);
  }

  /** A value an async generator yielded: stream chunks may carry usage. */
  observeYield(value: unknown): void {
    this.streamUsage.observe(value);
    for (const usage of this.streamUsage.take()) this.recordUsage(usage);
  }

  /** The function returned `value`: usage, metrics and the output artifact, then FINISHED. */
  finish(value: unknown): void {
    if (this.ended) return;
    for (const usage of this.streamUsage.take()) this.recordUsage(usage);
    const isLlmResponse = this.logLlmUsage(value);
    if (this.settings.captureOutputs) {
      if (isLlmResponse) {
        this.logJson(value, MLTRACK_ARTIFACTS.outputs);
      } else {
        const { metrics, rest } = captureOutput(value);
        this.logMetricsAt(metrics, this.nextStep, Date.now());
        if (rest !== undefined) this.logJson(rest, MLTRACK_ARTIFACTS.outputs);
      }
    }
    this.end("FINISHED");
  }

  /**
   * The function threw `error`: its message and its stack as tags (each cut visibly to MLflow's limit),
   * the stack with its causes in full as an artifact, then FAILED. The same tags as the Python binding.
   */
  fail(error: unknown): void {
    if (this.ended) return;
    const text = errorText(error);
    const message = error instanceof Error ? `${error.name}: ${error.message}` : describeThrown(error);
    this.setTags({
      [MLTRACK_TAGS.errorMessage]: truncateVisibly(message, TAG_VALUE_LIMIT, MLTRACK_ARTIFACTS.error),
      [MLTRACK_TAGS.errorStack]: truncateVisibly(text, TAG_VALUE_LIMIT, MLTRACK_ARTIFACTS.error),
    });
    this.logText(text, MLTRACK_ARTIFACTS.error);
    this.end("FAILED");
  }

  private end(status: RunEndStatus): void {
    this.ended = true;
    const endTime = Date.now();
    // Also a metric, as the Python binding logs it: sortable and chartable beside the run's results.
    this.logMetricsAt({ [MLTRACK_METRICS.durationSeconds]: (endTime - this.startTime) / 1000 }, 0, endTime);
    this.submit({ kind: "end", status, endTime });
  }
}

export function cleanTags(tags: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (value === undefined) continue;
    if (!isValidKey(key)) {
      reportProblem(`Tag ${JSON.stringify(key)} was dropped: not a valid MLflow name`);
      continue;
    }
    const text = scalarText(value) ?? JSON.stringify(value) ?? String(value);
    out[key] = truncateVisibly(text, TAG_VALUE_LIMIT);
  }
  return out;
}

/** An error as text: its stack (which names it and carries the message), then its causes. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined; depth++) {
    parts.push(depth === 0 ? describeThrown(current) : `Caused by: ${describeThrown(current)}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join("\n");
}

function describeThrown(value: unknown): string {
  if (value instanceof Error) {
    const head = `${value.name}: ${value.message}`;
    const stack = typeof value.stack === "string" ? value.stack : "";
    if (!stack) return head;
    return stack.includes(value.message) ? stack : `${head}\n${stack}`;
  }
  try {
    return `Thrown value (not an Error): ${typeof value === "string" ? value : JSON.stringify(value)}`;
  } catch {
    return `Thrown value (not an Error): ${String(value)}`;
  }
}
