import { execFileSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { LLM_METRICS, LLM_TAGS, MLFLOW_TAGS, MLTRACK_ARTIFACTS, MLTRACK_TAGS } from "../mlflow/tags";
import { currentRun } from "./context";
import { flush, shutdown } from "./lifecycle";
import { registerPricing } from "./pricing";
import { _testing } from "./testing";
import { harness } from "./testing/harness";
import { configureTracking, track } from "./track";

let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  _testing.resetWarnings();
  _testing.clearTrackers();
  _testing.clearRegisteredPricing();
  _testing.setRetryDelays([1, 1, 1]);
  configureTracking({});
  warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
  vi.unstubAllEnvs();
});

const tick = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));

describe("track(fn) keeps the function as it was", () => {
  it("has the same signature, this, name, length and return type", async () => {
    const { target, server, pipeline } = harness();
    function area(this: { width: number }, height: number, scale = 1): number {
      return this.width * height * scale;
    }
    const tracked = track(area, target);
    expectTypeOf(tracked).toEqualTypeOf<typeof area>();
    expect(tracked.name).toBe("area");
    expect(tracked.length).toBe(1);
    expect(tracked.call({ width: 3 }, 2)).toBe(6);
    const shape = { width: 5, area: tracked };
    expect(shape.area(2, 2)).toBe(20);
    await flush();
    expect(server.runs.map((r) => [r.runName, pipeline.end(r.runId)?.status])).toEqual([
      ["area", "FINISHED"],
      ["area", "FINISHED"],
    ]);
  });

  it("keeps a synchronous function synchronous: the run is created after it returned", async () => {
    const { target, server, pipeline } = harness();
    const add = track((a: number, b: number) => a + b, { ...target, runName: "add" });
    const result = add(1, 2);
    expect(result).toBe(3);
    expect(server.runs).toHaveLength(0);
    await flush();
    const [run] = server.runs;
    expect(run).toMatchObject({ runName: "add", experimentId: "0" });
    expect(pipeline.params(run!.runId)).toEqual({ arg0: "1", arg1: "2" });
    expect(pipeline.points(run!.runId)).toEqual([expect.objectContaining({ key: "output", value: 3, step: 0 })]);
    expect(pipeline.calls.at(-1)).toMatchObject({ method: "endRun", runId: run!.runId, status: "FINISHED" });
  });

  it("records start and end times taken around the call (the run's duration)", async () => {
    const { target, server, pipeline } = harness();
    const before = Date.now();
    const slow = track(async () => tick(20), target);
    await slow();
    const after = Date.now();
    await flush();
    const [run] = server.runs;
    const end = pipeline.end(run!.runId)!;
    expect(run!.startTime).toBeGreaterThanOrEqual(before);
    expect(end.endTime).toBeLessThanOrEqual(after);
    expect(end.endTime! - run!.startTime!).toBeGreaterThanOrEqual(19);
  });

  it("resolves an async function's value, and names runs after the function", async () => {
    const { target, run, pipeline } = harness();
    const evaluate = track(async function evaluate(split: string) {
      await tick();
      return { accuracy: 0.9, split };
    }, target);
    await expect(evaluate("val")).resolves.toEqual({ accuracy: 0.9, split: "val" });
    await flush();
    const r = run("evaluate");
    expect(pipeline.params(r.runId)).toEqual({ arg0: "val" });
    expect(pipeline.end(r.runId)?.status).toBe("FINISHED");
  });
});

describe("the user's errors", () => {
  it("are rethrown unchanged (same object, same stack) and the run ends FAILED with the stack", async () => {
    const { target, server, pipeline } = harness();
    const error = new RangeError("learning rate too high");
    const stack = error.stack;
    const fail = track(
      () => {
        throw error;
      },
      { ...target, runName: "fail" },
    );
    let caught: unknown;
    try {
      fail();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBe(error);
    expect((caught as Error).stack).toBe(stack);
    await flush();
    const [run] = server.runs;
    expect(pipeline.end(run!.runId)?.status).toBe("FAILED");
    expect(pipeline.tags(run!.runId)[MLTRACK_TAGS.errorMessage]).toBe("RangeError: learning rate too high");
    const tag = pipeline.tags(run!.runId)[MLTRACK_TAGS.errorStack]!;
    expect(tag).toContain("RangeError: learning rate too high");
    expect(tag).toContain(stack!.split("\n")[1]!.trim());
    expect(server.artifactText(run!, MLTRACK_ARTIFACTS.error)).toBe(stack);
  });

  it("are rethrown from async functions and generators, non-Error values too", async () => {
    const { target, server, pipeline } = harness();
    const error = new Error("async boom");
    await expect(track(async () => Promise.reject(error), target)()).rejects.toBe(error);
    const thrown = { code: 42 };
    await expect(
      track(async () => {
        throw thrown;
      }, target)(),
    ).rejects.toBe(thrown);
    const gen = track(async function* stream() {
      yield 1;
      throw error;
    }, target);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const value of gen()) seen.push(value);
      })(),
    ).rejects.toBe(error);
    expect(seen).toEqual([1]);
    await flush();
    expect(server.runs.map((r) => pipeline.end(r.runId)?.status)).toEqual(["FAILED", "FAILED", "FAILED"]);
    expect(pipeline.tags(server.runs[1]!.runId)[MLTRACK_TAGS.errorStack]).toBe(
      'Thrown value (not an Error): {"code":42}',
    );
  });

  it("keep their cause chain in the error artifact, and a long stack is cut visibly in the tag", async () => {
    const { target, server, pipeline } = harness();
    const error = new Error("outer: " + "x".repeat(10_000), { cause: new TypeError("inner") });
    await expect(track(async () => Promise.reject(error), target)()).rejects.toBe(error);
    await flush();
    const [run] = server.runs;
    const tag = pipeline.tags(run!.runId)[MLTRACK_TAGS.errorStack]!;
    expect(tag.length).toBeLessThanOrEqual(8000);
    expect(tag).toMatch(/… \[truncated: \d+ more characters; the full text is in mltrack\/error\.txt\]$/);
    const full = server.artifactText(run!, MLTRACK_ARTIFACTS.error)!;
    expect(full).toContain(error.stack!);
    expect(full).toContain("Caused by: TypeError: inner");
  });
});

describe("tracking never breaks the caller", () => {
  it("runs the function correctly when MLflow is unreachable, warning once", async () => {
    const { target } = harness({ down: true });
    const square = track((x: number) => x * x, target);
    const later = track(async (x: number) => {
      currentRun().log({ x });
      return x + 1;
    }, target);
    expect(square(4)).toBe(16);
    await expect(later(1)).resolves.toBe(2);
    expect(square(5)).toBe(25);
    await flush();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /\[mltrack\] MLflow could not be reached to create run .*it is kept .*further tracking problems are not reported/s,
    );
  });

  it("runs the function untracked when no MLflow server is configured", async () => {
    vi.stubEnv("MLFLOW_TRACKING_URI", "");
    const double = track((x: number) => x * 2);
    expect(double(21)).toBe(42);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/MLFLOW_TRACKING_URI/);
  });

  it("survives a pipeline that throws, and log calls with bad names, values and steps", async () => {
    const { client, server } = harness();
    const broken = {
      logMetrics: () => {
        throw new Error("queue broken");
      },
      logParams: () => {
        throw new Error("queue broken");
      },
      setTags: () => {
        throw new Error("queue broken");
      },
      endRun: () => {
        throw new Error("queue broken");
      },
      flush: async () => undefined,
      shutdown: async () => undefined,
    };
    const train = track(
      (epochs: number) => {
        const run = currentRun();
        run.log({ "bad=name": 1, ok: 2 });
        run.log({ loss: "high" as unknown as number });
        run.log({ loss: 1 }, { step: 1.5 });
        run.logParams({ "a/../b": 1 });
        run.logArtifact(new Uint8Array(1), "../escape");
        run.logImage(new Uint8Array(4), "not-an-image");
        return epochs;
      },
      { client, pipeline: broken },
    );
    expect(train(3)).toBe(3);
    await flush();
    expect(server.runs).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("gives a do-nothing run outside a tracked function", async () => {
    const run = currentRun();
    expect(() => run.log({ a: 1 })).not.toThrow();
    await expect(run.runId).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe("nested runs through async context", () => {
  it("makes a tracked call inside another a child run, with concurrent children under the right parents", async () => {
    const { target, server, pipeline } = harness();
    const child = track(
      async (parent: string, i: number) => {
        await tick(i % 2 ? 5 : 1);
        currentRun().log({ i });
        return (await currentRun().runId)!;
      },
      { ...target, params: ["parent", "i"], runName: (parent, i) => `${parent}-child-${i}` },
    );
    const parent = track(
      async (name: string) => {
        const ids = await Promise.all([child(name, 1), child(name, 2)]);
        return { ids, parentId: await currentRun().runId };
      },
      { ...target, experiment: "nesting", runName: (name) => name },
    );
    const [a, b] = await Promise.all([parent("a"), parent("b")]);
    await flush();
    for (const [name, result] of [
      ["a", a],
      ["b", b],
    ] as const) {
      const parentRun = server.runs.find((r) => r.runName === name)!;
      expect(parentRun.tags[MLFLOW_TAGS.parentRunId]).toBeUndefined();
      expect(result.parentId).toBe(parentRun.runId);
      for (const i of [1, 2]) {
        const childRun = server.runs.find((r) => r.runName === `${name}-child-${i}`)!;
        expect(childRun.tags[MLFLOW_TAGS.parentRunId]).toBe(parentRun.runId);
        expect(childRun.experimentId).toBe(parentRun.experimentId);
        expect(result.ids).toContain(childRun.runId);
        expect(pipeline.params(childRun.runId)).toEqual({ parent: name, i: String(i) });
        expect(pipeline.points(childRun.runId)).toContainEqual(expect.objectContaining({ key: "i", value: i }));
      }
    }
  });

  it("nests synchronous calls too, and a child's own experiment wins over its parent's", async () => {
    const { target, server } = harness();
    const inner = track(() => 1, { ...target, runName: "inner", experiment: "elsewhere" });
    const outer = track(() => inner() + 1, { ...target, runName: "outer", experiment: "main" });
    expect(outer()).toBe(2);
    await flush();
    const [o, i] = ["outer", "inner"].map((n) => server.runs.find((r) => r.runName === n)!);
    expect(i!.tags[MLFLOW_TAGS.parentRunId]).toBe(o!.runId);
    expect(server.experiments.get("elsewhere")).toBe(i!.experimentId);
    expect(server.experiments.get("main")).toBe(o!.experimentId);
  });
});

describe("experiments and run creation", () => {
  it("creates a missing experiment once and caches it", async () => {
    const { target, server } = harness();
    const f = track((x: number) => x, { ...target, experiment: "churn" });
    f(1);
    f(2);
    await flush();
    f(3);
    await flush();
    expect(server.requests.filter((r) => r.path.endsWith("experiments/create"))).toHaveLength(1);
    expect(new Set(server.runs.map((r) => r.experimentId))).toEqual(new Set([server.experiments.get("churn")]));
  });

  it("takes MLFLOW_EXPERIMENT_NAME when no experiment is named", async () => {
    vi.stubEnv("MLFLOW_EXPERIMENT_NAME", "from-env");
    const { target, server } = harness();
    track(() => 1, target)();
    await flush();
    expect(server.runs[0]!.experimentId).toBe(server.experiments.get("from-env"));
  });

  it("never makes two runs when a runs/create reply is lost and the call is retried", async () => {
    const { target, server, pipeline } = harness({ createRepliesLost: 1 });
    const f = track(() => {
      currentRun().log({ a: 1 });
      return "ok";
    }, target);
    expect(f()).toBe("ok");
    await flush();
    expect(server.runs).toHaveLength(1);
    const [run] = server.runs;
    expect(run!.tags[MLTRACK_TAGS.clientRunId]).toMatch(/^[0-9a-f-]{36}$/);
    expect(pipeline.points(run!.runId)).toEqual([expect.objectContaining({ key: "a", value: 1 })]);
    expect(pipeline.end(run!.runId)?.status).toBe("FINISHED");
  });

  it("holds log calls made while MLflow is unreachable and delivers them, in order and stamped when made", async () => {
    const { target, server, pipeline } = harness({ unreachableFor: 4 });
    const values = { loss: 0 };
    const before = Date.now();
    const train = track(() => {
      for (let step = 0; step < 3; step++) {
        values.loss = 1 / (step + 1);
        currentRun().log(values);
      }
      currentRun().setTags({ phase: "done" });
    }, target);
    train();
    const after = Date.now();
    await flush();
    const [run] = server.runs;
    const points = pipeline.points(run!.runId);
    expect(points.map((p) => [p.step, p.value])).toEqual([
      [0, 1],
      [1, 0.5],
      [2, 1 / 3],
    ]);
    for (const point of points) {
      expect(point.timestamp).toBeGreaterThanOrEqual(before);
      expect(point.timestamp).toBeLessThanOrEqual(after);
    }
    const order = pipeline.calls.filter((c) => c.runId === run!.runId).map((c) => c.method);
    // The last logMetrics is the run's duration, logged as it ends.
    expect(order).toEqual(["logMetrics", "logMetrics", "logMetrics", "setTags", "logMetrics", "endRun"]);
    expect(pipeline.duration(run!.runId)).toBeGreaterThanOrEqual(0);
  });

  it("records where the run ran: source, user, host, OS, runtime and git", async () => {
    const { target, server } = harness();
    track(() => 1, target)();
    await flush();
    const tags = server.runs[0]!.tags;
    expect(tags).toMatchObject({
      [MLFLOW_TAGS.sourceType]: "LOCAL",
      [MLTRACK_TAGS.category]: "ml",
      [MLTRACK_TAGS.runtime]: `node ${process.versions.node}`,
    });
    for (const key of [MLFLOW_TAGS.sourceName, MLFLOW_TAGS.user, MLTRACK_TAGS.host, MLTRACK_TAGS.os])
      expect(tags[key]).toBeTruthy();
    const head = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
    expect(tags[MLFLOW_TAGS.gitCommit]).toBe(head);
    expect(["true", "false"]).toContain(tags[MLTRACK_TAGS.gitDirty]);
  });
});

describe("params, metrics and outputs", () => {
  it("logs named positional arguments and flattens object arguments", async () => {
    const { target, server, pipeline } = harness();
    const train = track((lr: number, _config: { layers: { n: number }; name: string }, _data: number[]) => lr, {
      ...target,
      params: ["lr", "config"],
    });
    train(
      0.1,
      { layers: { n: 2 }, name: "mlp" },
      Array.from({ length: 1000 }, (_, i) => i),
    );
    const single = track((options: { batch: number; optimizer: { beta: number } }) => options.batch, target);
    single({ batch: 32, optimizer: { beta: 0.9 } });
    await flush();
    const [first, second] = server.runs;
    expect(pipeline.params(first!.runId)).toEqual({ lr: "0.1", "config.layers.n": "2", "config.name": "mlp" });
    expect(JSON.parse(server.artifactText(first!, MLTRACK_ARTIFACTS.inputs)!)).toEqual({
      arg2: Array.from({ length: 1000 }, (_, i) => i),
    });
    expect(pipeline.params(second!.runId)).toEqual({ batch: "32", "optimizer.beta": "0.9" });
  });

  it("captures nothing of the arguments or return value when told not to", async () => {
    const { target, server, pipeline } = harness();
    track((secret: string) => ({ score: 1, answer: secret }), {
      ...target,
      captureInputs: false,
      captureOutputs: false,
    })("token");
    await flush();
    const [run] = server.runs;
    expect(pipeline.params(run!.runId)).toEqual({});
    expect(pipeline.points(run!.runId)).toEqual([]);
    expect(server.uploads.size).toBe(0);
  });

  it("logs the return value's numbers as metrics after the last step, the rest as JSON", async () => {
    const { target, server, pipeline } = harness();
    const fit = track(async () => {
      for (let epoch = 0; epoch < 3; epoch++) currentRun().log({ loss: 1 / (epoch + 1) });
      return { loss: 0.25, metrics: { f1: 0.8 }, model: "mlp", classes: ["a", "b"] };
    }, target);
    await fit();
    await flush();
    const [run] = server.runs;
    expect(pipeline.points(run!.runId).map((p) => [p.key, p.step, p.value])).toEqual([
      ["loss", 0, 1],
      ["loss", 1, 0.5],
      ["loss", 2, 1 / 3],
      ["loss", 3, 0.25],
      ["metrics.f1", 3, 0.8],
    ]);
    expect(JSON.parse(server.artifactText(run!, MLTRACK_ARTIFACTS.outputs)!)).toEqual({
      model: "mlp",
      classes: ["a", "b"],
    });
  });

  it("steps: explicit steps are kept, later calls without one go on after the highest", async () => {
    const { target, server, pipeline } = harness();
    track(
      () => {
        const run = currentRun();
        run.log({ a: 1 });
        run.log({ a: 2 }, { step: 10 });
        run.log({ a: 3 });
        run.log({ a: 4 }, { step: 5, timestamp: 1234 });
      },
      { ...target, captureOutputs: false },
    )();
    await flush();
    expect(pipeline.points(server.runs[0]!.runId).map((p) => [p.step, p.value])).toEqual([
      [0, 1],
      [10, 2],
      [11, 3],
      [5, 4],
    ]);
    expect(pipeline.points(server.runs[0]!.runId)[3]!.timestamp).toBe(1234);
  });

  it("refuses to change a param, which MLflow would reject with the whole batch", async () => {
    const { target, server, pipeline } = harness();
    track(() => {
      currentRun().logParams({ lr: 0.1, opt: { name: "adam" } });
      currentRun().logParams({ lr: 0.1 });
      currentRun().logParams({ lr: 0.2, other: "x" });
    }, target)();
    await flush();
    expect(pipeline.params(server.runs[0]!.runId)).toEqual({ lr: "0.1", opt: '{"name":"adam"}', other: "x" });
    expect(String(warn.mock.calls[0]![0])).toMatch(/Param "lr" already has value "0.1"/);
  });

  it("uploads artifacts under the run's artifact root", async () => {
    const { target, server } = harness();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    track(
      () => {
        const run = currentRun();
        run.logText("hello", "notes/readme.txt");
        run.logJson({ a: [1, 2] }, "config.json");
        run.logArtifact(new Uint8Array([1, 2, 3]), "weights.bin");
        run.logImage(png, "samples", { step: 4 });
      },
      { ...target, captureOutputs: false },
    )();
    await flush();
    const root = `${server.runs[0]!.experimentId}/${server.runs[0]!.runId}/artifacts`;
    expect([...server.uploads.keys()].sort()).toEqual(
      ["config.json", "notes/readme.txt", "samples/step_4.png", "weights.bin"].map((p) => `${root}/${p}`),
    );
    expect(server.uploads.get(`${root}/samples/step_4.png`)?.contentType).toBe("image/png");
  });
});

describe("LLM usage", () => {
  const openAi = (model: string) => ({
    object: "chat.completion",
    model,
    choices: [{ message: { content: "hi" } }],
    created: 1_700_000_000,
    usage: { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 },
  });

  it("logs a returned OpenAI response's tokens and cost, and tags the run as an LLM run", async () => {
    const { target, server, pipeline } = harness();
    const ask = track(async (_q: string) => openAi("gpt-4o-mini-2024-07-18"), target);
    await ask("hello");
    await flush();
    const [run] = server.runs;
    const points = Object.fromEntries(pipeline.points(run!.runId).map((p) => [p.key, p.value]));
    expect(points).toEqual({
      [LLM_METRICS.promptTokens]: 1000,
      [LLM_METRICS.completionTokens]: 500,
      [LLM_METRICS.totalTokens]: 1500,
      [LLM_METRICS.costUsd]: (1000 * 0.15 + 500 * 0.6) / 1e6,
    });
    expect(pipeline.tags(run!.runId)).toMatchObject({
      [LLM_TAGS.provider]: "openai",
      [LLM_TAGS.model]: "gpt-4o-mini-2024-07-18",
      [MLTRACK_TAGS.category]: "llm",
    });
    expect(JSON.parse(server.artifactText(run!, MLTRACK_ARTIFACTS.outputs)!)).toMatchObject({
      model: "gpt-4o-mini-2024-07-18",
    });
  });

  it("counts each call inside a run once, as one point each, with user prices for unknown models", async () => {
    const { target, server, pipeline } = harness();
    registerPricing("house-model", { input: 1, output: 2 });
    const anthropic = {
      type: "message",
      model: "claude-3-5-haiku-latest",
      usage: { input_tokens: 10, output_tokens: 20 },
    };
    const agent = track(
      () => {
        const first = openAi("house-model-v2");
        currentRun().logLlmUsage(first);
        currentRun().logLlmUsage(first);
        currentRun().logLlmUsage(anthropic);
        currentRun().logLlmUsage(openAi("unpriced-model"));
        return anthropic;
      },
      { ...target, category: "llm" },
    );
    agent();
    await flush();
    const [run] = server.runs;
    expect(run!.tags[MLTRACK_TAGS.category]).toBe("llm");
    const history = (key: string) =>
      pipeline
        .points(run!.runId)
        .filter((p) => p.key === key)
        .map((p) => [p.step, p.value]);
    expect(history(LLM_METRICS.totalTokens)).toEqual([
      [0, 1500],
      [1, 30],
      [2, 1500],
    ]);
    expect(history(LLM_METRICS.costUsd)).toEqual([
      [0, (1000 * 1 + 500 * 2) / 1e6],
      [1, (10 * 0.8 + 20 * 4) / 1e6],
    ]);
    expect(pipeline.tags(run!.runId)[LLM_TAGS.provider]).toBe("openai");
  });

  it("reads usage from a streamed response of a tracked async generator, whose run spans the iteration", async () => {
    const { target, server, pipeline } = harness();
    const stream = track(async function* chat(prompt: string) {
      for (const word of prompt.split(" ")) {
        await tick();
        currentRun().log({ chunk: word.length });
        yield {
          object: "chat.completion.chunk",
          model: "gpt-4.1",
          choices: [{ delta: { content: word } }],
          usage: null,
        };
      }
      yield {
        object: "chat.completion.chunk",
        model: "gpt-4.1",
        choices: [],
        usage: { prompt_tokens: 8, completion_tokens: 2, total_tokens: 10 },
      };
      return "done";
    }, target);
    const gen = stream("a bb ccc");
    expect(gen).toBeInstanceOf(stream);
    const words: string[] = [];
    for await (const chunk of gen) if (chunk.choices[0]) words.push(chunk.choices[0].delta.content);
    expect(words).toEqual(["a", "bb", "ccc"]);
    await flush();
    const [run] = server.runs;
    expect(
      pipeline
        .points(run!.runId)
        .filter((p) => p.key === "chunk")
        .map((p) => p.value),
    ).toEqual([1, 2, 3]);
    expect(pipeline.points(run!.runId).find((p) => p.key === LLM_METRICS.costUsd)?.value).toBeCloseTo(
      (8 * 2 + 2 * 8) / 1e6,
      15,
    );
    expect(pipeline.end(run!.runId)?.status).toBe("FINISHED");
    expect(JSON.parse(server.artifactText(run!, MLTRACK_ARTIFACTS.outputs)!)).toBe("done");
  });

  it("ends a generator's run when its consumer stops early, and tracks sync generators", async () => {
    const { target, server, pipeline } = harness();
    const counter = track(async function* counter() {
      for (let i = 0; ; i++) yield i;
    }, target);
    for await (const i of counter()) if (i === 2) break;
    const range = track(function* range(n: number) {
      for (let i = 0; i < n; i++) {
        currentRun().log({ i });
        yield i;
      }
    }, target);
    expect([...range(3)]).toEqual([0, 1, 2]);
    await flush();
    expect(server.runs.map((r) => [r.runName, pipeline.end(r.runId)?.status])).toEqual([
      ["counter", "FINISHED"],
      ["range", "FINISHED"],
    ]);
    expect(pipeline.points(server.runs[1]!.runId).map((p) => p.value)).toEqual([0, 1, 2]);
  });
});

describe("a tracked generator's run starts at its first step", () => {
  it("makes no run for a generator that is never iterated, or only closed by return()", async () => {
    const { target, server, pipeline } = harness();
    const stream = track(async function* stream() {
      yield 1;
    }, target);
    const range = track(function* range(n: number) {
      for (let i = 0; i < n; i++) yield i;
    }, target);
    stream();
    range(3);
    const closedAsync = stream();
    await expect(closedAsync.return(undefined)).resolves.toEqual({ value: undefined, done: true });
    await expect(closedAsync.next()).resolves.toEqual({ value: undefined, done: true });
    const closed = range(3);
    expect(closed.return(undefined)).toEqual({ value: undefined, done: true });
    expect([...closed]).toEqual([]);
    await flush();
    expect(server.runs).toEqual([]);
    expect(pipeline.calls).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it("creates the run at the first next(), with the arguments of the call and the time of the step", async () => {
    const { target, server, pipeline } = harness();
    const steps = track(function* steps(config: { lr: number; layers: number[] }) {
      currentRun().log({ lr: config.lr });
      yield config.lr;
    }, target);
    const config = { lr: 0.1, layers: [64, 32] };
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(1_000_000);
      const gen = steps(config);
      expect(gen).toBeInstanceOf(steps);
      config.lr = 0.5; // after the call: the params are the call's, what the body reads is now's
      vi.setSystemTime(2_000_000);
      expect([...gen]).toEqual([0.5]);
    } finally {
      vi.useRealTimers();
    }
    await flush();
    const [run] = server.runs;
    expect(server.runs).toHaveLength(1);
    expect(run!.startTime).toBe(2_000_000);
    expect(pipeline.params(run!.runId)).toEqual({ lr: "0.1", layers: "[64,32]" });
    expect(pipeline.points(run!.runId)).toContainEqual(expect.objectContaining({ key: "lr", value: 0.5 }));
    expect(pipeline.end(run!.runId)?.status).toBe("FINISHED");
  });

  it("logs the call's non-param arguments as they were at the call", async () => {
    const { target, server } = harness();
    const rows = track(async function* rows(table: { name: string; rows: number[][] }) {
      yield table.rows.length;
    }, target);
    const table = { name: "t", rows: [[1, 2]] };
    const gen = rows(table);
    table.rows.push([3, 4]);
    for await (const count of gen) expect(count).toBe(2);
    await flush();
    const [run] = server.runs;
    expect(JSON.parse(server.artifactText(run!, MLTRACK_ARTIFACTS.inputs)!)).toEqual({ rows: [[1, 2]] });
  });

  it("fails the run of a generator whose first step is throw()", async () => {
    const { target, server, pipeline } = harness();
    const error = new Error("stop before start");
    const gen = track(function* never() {
      yield 1;
    }, target)();
    expect(() => gen.throw(error)).toThrow(error);
    const agen = track(async function* neverAsync() {
      yield 1;
    }, target)();
    await expect(agen.throw(error)).rejects.toBe(error);
    await flush();
    expect(server.runs.map((r) => [r.runName, pipeline.end(r.runId)?.status])).toEqual([
      ["never", "FAILED"],
      ["neverAsync", "FAILED"],
    ]);
  });

  it("is the child of the run the generator was created in, even when iterated after it ended", async () => {
    const { target, server } = harness();
    const child = track(
      async function* child() {
        yield (await currentRun().runId)!;
      },
      { ...target, runName: "child" },
    );
    const parent = track(
      async () => {
        await currentRun().runId;
        return child();
      },
      { ...target, runName: "parent" },
    );
    const gen = await parent();
    const ids: string[] = [];
    for await (const id of gen) ids.push(id);
    await flush();
    expect(server.runs.map((r) => r.runName)).toEqual(["parent", "child"]);
    const [p, c] = server.runs;
    expect(ids).toEqual([c!.runId]);
    expect(c!.tags[MLFLOW_TAGS.parentRunId]).toBe(p!.runId);
  });

  it("keeps the call-time run of a plain function that returns a generator: its code ran in it", async () => {
    const { target, server, pipeline } = harness();
    const plain = track(
      (n: number) => {
        currentRun().log({ prepared: n });
        return (function* inner() {
          yield n;
        })();
      },
      { ...target, runName: "plain" },
    );
    const gen = plain(3);
    expect(gen.return(undefined)).toEqual({ value: undefined, done: true });
    await flush();
    const [run] = server.runs;
    expect(server.runs).toHaveLength(1);
    expect(pipeline.points(run!.runId)).toContainEqual(expect.objectContaining({ key: "prepared", value: 3 }));
    expect(pipeline.end(run!.runId)?.status).toBe("FINISHED");
  });
});

describe("delivery", () => {
  it("in immediate mode settles an async function only after its run is delivered", async () => {
    const { target, pipeline } = harness();
    const handler = track(async () => "ok", { ...target, mode: "immediate" });
    expect(pipeline.flushes).toBe(0);
    await handler();
    expect(pipeline.flushes).toBe(1);
    expect(pipeline.calls.at(-1)).toMatchObject({ method: "endRun", status: "FINISHED" });
  });

  it("takes defaults from configureTracking, and shutdown() flushes and stops the pipeline", async () => {
    const { target, server, pipeline } = harness();
    configureTracking({ ...target, experiment: "defaults" });
    track(() => 1)();
    await shutdown();
    expect(server.runs[0]!.experimentId).toBe(server.experiments.get("defaults"));
    expect(pipeline.end(server.runs[0]!.runId)?.status).toBe("FINISHED");
    expect(pipeline.shutdowns).toBe(1);
  });
});
