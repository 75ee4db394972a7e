/**
 * `track()`: a tracked function logs one MLflow run per call. One core serves the wrapper
 * (`track(fn, options)`) and the method decorator (`@track(options)`, TC39 or legacy
 * `experimentalDecorators`, told apart by the arguments the decorator gets). Synchronous functions
 * stay synchronous, async ones resolve as before, and a generator's run starts at its first step and
 * stays open until iteration ends. Tracking never throws into the caller; the function's own errors are rethrown
 * unchanged (the same object).
 */
import type { RunCategory } from "../mlflow/tags";
import { MLTRACK_ARTIFACTS } from "../mlflow/tags";
import { runContext } from "./context";
import type { TrackDecorator } from "./decorator-type";
import { captureInputs, type CapturedInputs } from "./inputs";
import type { ModelPricing } from "./pricing";
import { cleanTags, RunHandle, type RunSettings } from "./run";
import { safeJsonStringify } from "./safe-json";
import { trackerFor, type TrackingTarget } from "./tracker";
import { safely } from "./warn";

export interface TrackOptions<Args extends readonly unknown[] = unknown[]> extends TrackingTarget {
  /** Experiment name, created if missing. Default: the parent run's experiment, else `MLFLOW_EXPERIMENT_NAME`, else Default. */
  experiment?: string;
  /** The run's name, or a function of the call's arguments. Default: the function's name (`Class.method` for methods). */
  runName?: string | ((...args: Args) => string);
  /**
   * Param names for the positional arguments (compiled code has none): `["lr", "epochs"]`. Object
   * arguments flatten into dotted params (`optimizer.lr`). Without names, a single plain-object
   * argument's keys are the params; other arguments are `arg0`, `arg1`, ...
   */
  params?: readonly string[];
  /** Tags for every run of this function. */
  tags?: Readonly<Record<string, string>>;
  /** Log the arguments as params (and what params cannot hold as a JSON artifact). Default true. */
  captureInputs?: boolean;
  /**
   * Log the return value: numeric fields as metrics, the rest as a JSON artifact. Default true. LLM
   * token usage and cost are logged either way (they hold no content).
   */
  captureOutputs?: boolean;
  /** `mltrack.category` to start with. Default `ml`; a run that reports LLM usage becomes `llm`. */
  category?: RunCategory;
  /** Prices (USD per 1M tokens) for this function's LLM calls, ahead of `registerPricing()` and the built-in table. */
  pricing?: Readonly<Record<string, ModelPricing>>;
  /**
   * `background` (default): logging is delivered while your code runs on. `immediate`: an async
   * function's promise (an async generator's last step) settles only once its run is delivered, for
   * serverless code that may be frozen right after. Synchronous functions cannot wait: call
   * `await flush()` before returning from the handler.
   */
  mode?: "background" | "immediate";
}

export type { TrackDecorator };

export type TrackingDefaults = Omit<TrackOptions, "runName" | "params" | "tags" | "category" | "pricing">;

let defaults: TrackingDefaults = {};

/** Options every tracked function starts from (its own options win): server, pipeline, experiment, mode, capture. */
export function configureTracking(options: TrackingDefaults): void {
  defaults = { ...options };
}

// The constraint any function meets (parameters are contravariant, so `never` accepts them all).
type AnyFunction = (...args: never[]) => unknown;

/** Wraps `fn`: the same signature, `this`, name, length and return type, one MLflow run per call. */
export function track<F extends AnyFunction>(fn: F, options?: TrackOptions<Parameters<F>>): F;
/** A decorator for class methods: `@track({ experiment: "churn" })`. */
export function track(options?: TrackOptions): TrackDecorator;
export function track(fnOrOptions?: AnyFunction | TrackOptions, maybeOptions?: TrackOptions): unknown {
  if (typeof fnOrOptions === "function") return wrap(fnOrOptions, maybeOptions ?? {}, undefined);
  const options = fnOrOptions ?? {};
  return function decorator(...args: unknown[]): unknown {
    const [value, contextOrKey, descriptor] = args;
    if (args.length === 2 && typeof value === "function" && isDecoratorContext(contextOrKey)) {
      if (contextOrKey.kind !== "method") {
        safely("@track", () => {
          throw new TypeError(`@track decorates methods, not a ${contextOrKey.kind}; left untracked`);
        });
        return value;
      }
      return wrap(value as AnyFunction, options, String(contextOrKey.name));
    }
    if (args.length === 3 && descriptor && typeof descriptor === "object") {
      const desc = descriptor as PropertyDescriptor;
      if (typeof desc.value !== "function") {
        safely("@track", () => {
          throw new TypeError(`@track decorates methods; ${String(contextOrKey)} is not one and is left untracked`);
        });
        return desc;
      }
      desc.value = wrap(desc.value as AnyFunction, options, String(contextOrKey));
      return desc;
    }
    safely("@track", () => {
      throw new TypeError("@track(options) must decorate a class method");
    });
    return args.length === 3 ? descriptor : value;
  };
}

function isDecoratorContext(value: unknown): value is { kind: string; name: string | symbol } {
  return value !== null && typeof value === "object" && typeof (value as { kind?: unknown }).kind === "string";
}

function wrap(fn: AnyFunction, options: TrackOptions, methodName: string | undefined): AnyFunction {
  const original = fn as unknown as (this: unknown, ...args: unknown[]) => unknown;
  const tracked = function (this: unknown, ...args: unknown[]): unknown {
    return trackedCall(original, this, args, options, methodName);
  };
  for (const property of ["name", "length"] as const) {
    safely("Naming the wrapper", () =>
      Object.defineProperty(tracked, property, { value: fn[property], configurable: true }),
    );
  }
  // A generator function's prototype is its generators' prototype: `gen instanceof tracked` holds.
  if (Object.hasOwn(fn, "prototype")) tracked.prototype = (fn as unknown as { prototype: unknown }).prototype;
  return tracked as unknown as AnyFunction;
}

function trackedCall(
  fn: (this: unknown, ...args: unknown[]) => unknown,
  thisArg: unknown,
  args: unknown[],
  options: TrackOptions,
  methodName: string | undefined,
): unknown {
  const settings = { ...defaults, ...options };
  if (isGeneratorFunction(fn)) return trackedGeneratorCall(fn, thisArg, args, settings, methodName);
  const run = safely("Starting a run", () => planRun(fn, thisArg, args, settings, methodName)());
  if (!run) return fn.apply(thisArg, args);
  let result: unknown;
  try {
    result = runContext.run(run, () => fn.apply(thisArg, args));
  } catch (err) {
    safely("Ending a failed run", () => run.fail(err));
    throw err;
  }
  const immediate = settings.mode === "immediate";
  if (result instanceof Promise) {
    return result.then(
      async (value: unknown) => {
        safely("Ending a run", () => run.finish(value));
        if (immediate) await run.tracker.flush();
        return value;
      },
      async (err: unknown) => {
        safely("Ending a failed run", () => run.fail(err));
        if (immediate) await run.tracker.flush();
        throw err;
      },
    );
  }
  // A plain function that returns a generator (a generator function compiled down to ES2017, say)
  // has already run its code inside the run: the run is open, and the iteration ends it.
  if (isAsyncGenerator(result)) return trackAsyncGenerator(result, () => run, immediate);
  if (isGenerator(result)) return trackGenerator(result, () => run);
  safely("Ending a run", () => run.finish(result));
  return result;
}

/**
 * A generator function runs none of its body when called, so its run waits for the first step
 * (`next()` or `throw()`): a generator that is never iterated, or only closed by `return()`, makes no
 * run. The arguments, params and parent run are the call's; the start time is the first step's.
 */
function trackedGeneratorCall(
  fn: (this: unknown, ...args: unknown[]) => unknown,
  thisArg: unknown,
  args: unknown[],
  settings: TrackOptions,
  methodName: string | undefined,
): unknown {
  const start = safely("Preparing a run", () => planRun(fn, thisArg, args, settings, methodName));
  let inner: unknown;
  try {
    inner = fn.apply(thisArg, args);
  } catch (err) {
    // Only a parameter's default value can throw here: the call failed, and so does its run.
    const run = start && safely("Starting a run", start);
    if (run) safely("Ending a failed run", () => run.fail(err));
    throw err;
  }
  if (!start) return inner;
  const runOf = startedByFirstStep(start);
  if (isAsyncGenerator(inner)) return trackAsyncGenerator(inner, runOf, settings.mode === "immediate");
  if (isGenerator(inner)) return trackGenerator(inner, runOf);
  return inner;
}

/**
 * What a call's run is made of, fixed at call time (tracker, parent run, name, tags, params and
 * inputs from the arguments); calling the result makes the run, whose start time is that moment.
 */
function planRun(
  fn: (...args: unknown[]) => unknown,
  thisArg: unknown,
  args: unknown[],
  settings: TrackOptions,
  methodName: string | undefined,
): () => RunHandle {
  const runSettings: RunSettings = {
    tracker: trackerFor(settings),
    parent: runContext.getStore(),
    experiment: settings.experiment,
    runName: runNameOf(settings, fn, thisArg, args, methodName),
    tags: settings.tags ? cleanTags(settings.tags) : {},
    category: settings.category ?? "ml",
    captureOutputs: settings.captureOutputs !== false,
    pricing: settings.pricing,
  };
  let inputs: CapturedInputs | undefined;
  let inputsJson: string | undefined;
  if (settings.captureInputs !== false) {
    const names = Array.isArray(settings.params) ? settings.params.map(String) : undefined;
    inputs = captureInputs(args, names);
    // Written now, so a generator's later first step logs the arguments as they were at the call.
    if (inputs.rest) inputsJson = safeJsonStringify(inputs.rest);
  }
  return () => {
    const run = new RunHandle(runSettings);
    if (inputs) run.logParams(inputs.params);
    if (inputsJson !== undefined) run.logText(inputsJson, MLTRACK_ARTIFACTS.inputs);
    return run;
  };
}

function runNameOf(
  settings: TrackOptions,
  fn: (...args: unknown[]) => unknown,
  thisArg: unknown,
  args: unknown[],
  methodName: string | undefined,
): string | undefined {
  const { runName } = settings;
  if (typeof runName === "function") {
    const name = safely("runName()", () => runName(...args));
    if (typeof name === "string" && name) return name;
  } else if (typeof runName === "string" && runName) {
    return runName;
  }
  if (methodName === undefined) return fn.name || undefined;
  const owner =
    typeof thisArg === "function"
      ? thisArg.name
      : thisArg !== null && typeof thisArg === "object"
        ? (thisArg.constructor as { name?: string } | undefined)?.name
        : undefined;
  return owner ? `${owner}.${methodName}` : methodName;
}

type Step = "next" | "return" | "throw";

const GENERATOR_FUNCTION_TAGS = new Set(["[object GeneratorFunction]", "[object AsyncGeneratorFunction]"]);

/** A `function*` or `async function*` (from any realm); bound ones and compiled-down ones are plain functions. */
function isGeneratorFunction(fn: unknown): boolean {
  return GENERATOR_FUNCTION_TAGS.has(Object.prototype.toString.call(fn));
}

function isAsyncGenerator(value: unknown): value is AsyncGenerator {
  return hasGeneratorMethods(value) && typeof (value as AsyncGenerator)[Symbol.asyncIterator] === "function";
}

function isGenerator(value: unknown): value is Generator {
  return hasGeneratorMethods(value) && typeof (value as Generator)[Symbol.iterator] === "function";
}

function hasGeneratorMethods(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const g = value as Partial<Record<Step, unknown>>;
  return typeof g.next === "function" && typeof g.return === "function" && typeof g.throw === "function";
}

/** The run of a step: undefined when there is none (tracking failed, or the generator closed before any step). */
type RunOfStep = (method: Step) => RunHandle | undefined;

/**
 * A generator's run, made by its first `next()` or `throw()`. A `return()` before any step closes the
 * generator without running its body, so it makes no run, and neither does any step after it.
 */
function startedByFirstStep(start: () => RunHandle): RunOfStep {
  let state: "new" | "started" | "closed" = "new";
  let run: RunHandle | undefined;
  return (method) => {
    if (state === "new") {
      state = method === "return" ? "closed" : "started";
      if (state === "started") run = safely("Starting a run", start);
    }
    return run;
  };
}

/**
 * The generator as its caller sees it (same prototype, so `instanceof` holds), each step run inside
 * the run's context; the run ends when iteration does: done (FINISHED, also when the consumer breaks
 * out early) or an error (FAILED).
 */
function trackAsyncGenerator(inner: AsyncGenerator, runOf: RunOfStep, immediate: boolean): AsyncGenerator {
  const step = async (method: Step, args: unknown[]): Promise<IteratorResult<unknown>> => {
    const call = () => (inner[method] as (...a: unknown[]) => Promise<IteratorResult<unknown>>)(...args);
    const run = runOf(method);
    if (!run) return call();
    let result: IteratorResult<unknown>;
    try {
      result = await runContext.run(run, call);
    } catch (err) {
      safely("Ending a failed run", () => run.fail(err));
      if (immediate) await run.tracker.flush();
      throw err;
    }
    if (result.done) {
      safely("Ending a run", () => run.finish(result.value));
      if (immediate) await run.tracker.flush();
    } else {
      safely("Reading a yielded value", () => run.observeYield(result.value));
    }
    return result;
  };
  return withSteps(inner, step) as AsyncGenerator;
}

function trackGenerator(inner: Generator, runOf: RunOfStep): Generator {
  const step = (method: Step, args: unknown[]): IteratorResult<unknown> => {
    const call = () => (inner[method] as (...a: unknown[]) => IteratorResult<unknown>)(...args);
    const run = runOf(method);
    if (!run) return call();
    let result: IteratorResult<unknown>;
    try {
      result = runContext.run(run, call);
    } catch (err) {
      safely("Ending a failed run", () => run.fail(err));
      throw err;
    }
    if (result.done) safely("Ending a run", () => run.finish(result.value));
    return result;
  };
  return withSteps(inner, step) as Generator;
}

function withSteps(inner: object, step: (method: Step, args: unknown[]) => unknown): object {
  const outer = Object.create(Object.getPrototypeOf(inner) as object) as Record<Step, unknown>;
  for (const method of ["next", "return", "throw"] as const) {
    Object.defineProperty(outer, method, {
      value: (...args: unknown[]) => step(method, args),
      writable: true,
      configurable: true,
    });
  }
  return outer;
}
