/**
 * The run of the tracked call in progress, through async context: `currentRun()` inside a tracked
 * function (and everything it awaits or calls) is that call's run, and a tracked function called
 * inside another becomes its nested run.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { ArtifactSource } from "./artifacts";
import type { RunHandle } from "./run";
import { reportProblem, safely } from "./warn";

export const runContext = new AsyncLocalStorage<RunHandle>();

/**
 * The run of the tracked call in progress. Every method enqueues and returns at once, and never
 * throws: a problem (a bad name, MLflow unreachable) is reported once as a warning.
 */
export interface ActiveRun {
  /**
   * The MLflow run id once MLflow has created the run; undefined if it could not at run start (or
   * outside a tracked call). A run started while MLflow was unreachable is still kept: the logging
   * pipeline creates it when MLflow answers, under the same `mltrack.client_run_id` tag.
   */
  readonly runId: Promise<string | undefined>;
  /**
   * Metrics at one step. Without `step`, the step after the last one logged to this run (0 first), so
   * a loop of `log({ loss })` calls draws a curve; `timestamp` defaults to now.
   */
  log(metrics: Readonly<Record<string, number>>, options?: { step?: number; timestamp?: number }): void;
  /** Params (scalars; objects are stored as JSON). MLflow params are write-once: a changed value is refused. */
  logParams(params: Readonly<Record<string, unknown>>): void;
  /** Tags (values cut to MLflow's 8,000 characters, saying so). */
  setTags(tags: Readonly<Record<string, unknown>>): void;
  /**
   * A local file (read when called, so later changes to it do not matter) or bytes, as artifact `name`
   * (a relative path in the run; default: the file's name).
   */
  logArtifact(pathOrBytes: ArtifactSource, name?: string): void;
  /** Text as artifact `name`. */
  logText(text: string, name: string): void;
  /** Any value as a JSON artifact `name` (cycles, bigints and binary data are written as markers). */
  logJson(value: unknown, name: string): void;
  /**
   * A PNG, JPEG, GIF or WebP image (bytes or a file). With `step`, one image of a series stored as
   * `<name>/step_<step>.<ext>`, which MLTrack's compare view steps through.
   */
  logImage(image: ArtifactSource, name: string, options?: { step?: number }): void;
  /**
   * Token usage and cost of an LLM response (OpenAI- or Anthropic-shaped) as one point of the `llm.*`
   * metrics; tags the run as an LLM run. Returned responses are counted without this call.
   */
  logLlmUsage(response: unknown): void;
}

const activeRuns = new WeakMap<RunHandle, ActiveRun>();

export function activeRunOf(handle: RunHandle): ActiveRun {
  let run = activeRuns.get(handle);
  if (!run) {
    run = {
      runId: handle.created.then((created) => created?.runId),
      log: (metrics, options) => safely("log()", () => handle.log(metrics, options)),
      logParams: (params) => safely("logParams()", () => handle.logParams(params)),
      setTags: (tags) => safely("setTags()", () => handle.setTags(tags)),
      logArtifact: (source, name) => safely("logArtifact()", () => handle.logArtifact(source, name)),
      logText: (text, name) => safely("logText()", () => handle.logText(text, name)),
      logJson: (value, name) => safely("logJson()", () => handle.logJson(value, name)),
      logImage: (image, name, options) => safely("logImage()", () => handle.logImage(image, name, options)),
      logLlmUsage: (response) => void safely("logLlmUsage()", () => handle.logLlmUsage(response)),
    };
    activeRuns.set(handle, run);
  }
  return run;
}

let noRun: ActiveRun | undefined;

/** What `currentRun()` gives outside a tracked call: every method does nothing (and says so once). */
function inactiveRun(): ActiveRun {
  const ignore = () => reportProblem("currentRun() was used outside a tracked function; nothing was logged");
  noRun ??= {
    runId: Promise.resolve(undefined),
    log: ignore,
    logParams: ignore,
    setTags: ignore,
    logArtifact: ignore,
    logText: ignore,
    logJson: ignore,
    logImage: ignore,
    logLlmUsage: ignore,
  };
  return noRun;
}

/** The run of the tracked call in progress (a do-nothing run outside one). */
export function currentRun(): ActiveRun {
  const handle = runContext.getStore();
  return handle ? activeRunOf(handle) : inactiveRun();
}
