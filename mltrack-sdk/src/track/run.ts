/**
 * A run as the tracked code sees it: a client-side handle that exists from the moment the function is
 * called, before MLflow has been asked for the run.
 *
 * Why run creation is asynchronous with a client-side handle, rather than awaited: a tracked
 * synchronous function must stay synchronous for its caller, and `runs/create` is a network call. So
 * the wrapper makes this handle synchronously (start time, params, tags fixed at call time), starts
 * `runs/create` in the background, and runs the function at once. Log calls made while the run is
 * being created are stamped with their timestamp and held here, in order and bounded; once MLflow
 * answers with the run id they go to the pipeline, and later calls go straight there. If MLflow
 * cannot be reached at run start, the function still runs and returns as usual, creation is retried
 * for a few seconds, and then the held calls are dropped with a warning (the pipeline's spool is keyed
 * by run id, which such a run never gets).
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
import type { RunEndStatus } from "../pipeline/types";
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
import type { Tracker } from "./tracker";
import { reportProblem, safely } from "./warn";
import { scalarText } from "./inputs";

/** Metric values held at most while a run is being created; later ones are dropped (and reported). */
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

type Held =
  | { kind: "metrics"; metrics: Record<string, number>; step: number; timestamp: number }
  | { kind: "params"; params: Record<string, string> }
  | { kind: "tags"; tags: Record<string, string> }
  | { kind: "artifact"; artifact: ArtifactPayload }
  | { kind: "end"; status: RunEndStatus; endTime: number };

export class RunHandle {
  readonly startTime = Date.now();
  /** Resolves to the created run, or undefined when MLflow could not create it. Never rejects. */
  readonly created: Promise<CreatedRun | undefined>;
  private run: CreatedRun | undefined;
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
    this.created = settings.tracker.watch(this.create());
  }

  get tracker(): Tracker {
    return this.settings.tracker;
  }

  private async create(): Promise<CreatedRun | undefined> {
    const { tracker, parent } = this.settings;
    try {
      const sameServerParent = parent && parent.tracker === tracker ? await parent.created : undefined;
      const experimentId =
        this.settings.experiment === undefined && sameServerParent
          ? sameServerParent.experimentId
          : await tracker.experimentId(this.settings.experiment);
      const tags: Record<string, string> = {
        ...staticRunTags(),
        ...(await gitRunTags()),
        [MLTRACK_TAGS.category]: this.category,
        ...this.settings.tags,
      };
      if (sameServerParent) tags[MLFLOW_TAGS.parentRunId] = sameServerParent.runId;
      const made = await tracker.createRun({
        experimentId,
        ...(this.settings.runName ? { runName: this.settings.runName } : {}),
        startTime: this.startTime,
        tags,
        clientRunId: randomUUID(),
      });
      this.run = { runId: made.info.runId, experimentId, artifactUri: made.info.artifactUri };
    } catch (err) {
      this.lost = true;
      const held = this.held.reduce((n, op) => n + (op.kind === "metrics" ? Object.keys(op.metrics).length : 0), 0);
      for (const op of this.held)
        if (op.kind === "artifact") safely("Releasing an artifact", () => op.artifact.release());
      this.held = [];
      reportProblem(
        `MLflow could not create the run${held ? ` (${held} metric values logged to it are lost)` : ""}`,
        err,
      );
      return undefined;
    }
    const held = this.held;
    this.held = [];
    for (const op of held) this.deliver(op);
    if (this.droppedValues > 0) {
      reportProblem(
        `${this.droppedValues} metric values logged while MLflow was creating run ${this.run.runId} were dropped (more than ${MAX_HELD_METRIC_VALUES} waiting)`,
      );
    }
    return this.run;
  }

  private submit(op: Held): void {
    if (this.run) return this.deliver(op);
    if (this.lost) {
      if (op.kind === "artifact") safely("Releasing an artifact", () => op.artifact.release());
      return;
    }
    if (op.kind === "metrics") {
      const values = Object.keys(op.metrics).length;
      if (this.heldValues + values > MAX_HELD_METRIC_VALUES) {
        this.droppedValues += values;
        return;
      }
      this.heldValues += values;
    }
    this.held.push(op);
  }

  private deliver(op: Held): void {
    const run = this.run!;
    const { pipeline } = this.settings.tracker;
    safely("Handing a log call to the pipeline", () => {
      switch (op.kind) {
        case "metrics":
          return pipeline.logMetrics(run.runId, op.metrics, { step: op.step, timestamp: op.timestamp });
        case "params":
          return pipeline.logParams(run.runId, op.params);
        case "tags":
          return pipeline.setTags(run.runId, op.tags);
        case "end":
          return pipeline.endRun(run.runId, op.status, op.endTime);
        case "artifact":
          return void this.tracker.upload(run.artifactUri, op.artifact);
      }
    });
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
