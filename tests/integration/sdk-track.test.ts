/**
 * `track()` from the BUILT package (`mltrack-sdk` resolves to its dist) against a real MLflow:
 * wrapper and decorator forms, nested runs, failures, params, artifacts and LLM usage, each read back
 * from MLflow with the typed client.
 */
import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import * as sdk from "mltrack-sdk";
import {
  LLM_METRICS,
  LLM_TAGS,
  MLFLOW_TAGS,
  MLTRACK_ARTIFACTS,
  MLTRACK_METRICS,
  MLTRACK_TAGS,
  MlflowClient,
  collect,
  currentRun,
  flush,
  registerPricing,
  track,
  type Run,
} from "mltrack-sdk";
import { repoRoot } from "../../scripts/lib/paths";

const trackingUri = inject("mlflowUrl");
const mlflow = new MlflowClient({ trackingUri, auth: null });
const experiment = `sdk-track-${randomUUID().slice(0, 8)}`;
const target = { trackingUri, experiment };
const scratch = mkdtempSync(path.join(tmpdir(), "mltrack-sdk-track-"));
let experimentId: string;

beforeAll(() => {
  // The shared pipeline's spool (unused while MLflow is up) goes to a folder of this test's own.
  process.env.MLTRACK_SPOOL_DIR = path.join(scratch, "spool");
});
afterAll(async () => {
  await sdk.shutdown();
  if (experimentId) await mlflow.experiments.delete({ experimentId });
  rmSync(scratch, { recursive: true, force: true });
});

async function runNamed(name: string): Promise<Run> {
  experimentId ??= (await mlflow.experiments.getByName({ experimentName: experiment })).experimentId;
  const page = await mlflow.runs.search({ experimentIds: [experimentId], filter: `attributes.run_name = '${name}'` });
  expect(page.items).toHaveLength(1);
  return page.items[0]!;
}

async function history(runId: string, metricKey: string) {
  const points = await collect(mlflow.metrics.getHistoryAll({ runId, metricKey }));
  return points.sort((a, b) => a.step - b.step).map((p) => [p.step, p.value]);
}

async function artifactText(runId: string, artifactPath: string): Promise<string> {
  return (await mlflow.downloadArtifact({ runId, path: artifactPath })).text();
}

describe("track() from the built package against MLflow", () => {
  it("imports the package as npm users get it: its built dist", () => {
    expect(createRequire(import.meta.url).resolve("mltrack-sdk")).toMatch(/mltrack-sdk\/dist\/index\.cjs$/);
  });

  it("wraps a function: same result, params from positional and object arguments, metrics, capture tags", async () => {
    const started = Date.now();
    const train = track(
      (lr: number, _config: { layers: number; optimizer: { name: string } }) => {
        for (let epoch = 0; epoch < 3; epoch++) currentRun().log({ loss: 1 / (epoch + 1) });
        return { accuracy: 0.75, lr, note: "converged" };
      },
      { ...target, runName: "wrapped", params: ["lr", "config"], tags: { team: "mltrack" } },
    );
    expect(train(0.01, { layers: 2, optimizer: { name: "adam" } })).toEqual({
      accuracy: 0.75,
      lr: 0.01,
      note: "converged",
    });
    const single = track((options: { batch: number; schedule: { warmup: number } }) => options.batch * 2, {
      ...target,
      runName: "single-object",
    });
    expect(single({ batch: 16, schedule: { warmup: 100 } })).toBe(32);
    await flush();

    const run = await runNamed("wrapped");
    expect(run.info.status).toBe("FINISHED");
    expect(run.info.startTime).toBeGreaterThanOrEqual(started);
    expect(run.info.endTime).toBeGreaterThanOrEqual(run.info.startTime!);
    expect(run.data.params).toEqual({ lr: "0.01", "config.layers": "2", "config.optimizer.name": "adam" });
    expect(run.data.tags).toMatchObject({
      team: "mltrack",
      [MLFLOW_TAGS.sourceType]: "LOCAL",
      [MLTRACK_TAGS.category]: "ml",
      [MLTRACK_TAGS.runtime]: `node ${process.versions.node}`,
    });
    for (const key of [
      MLFLOW_TAGS.user,
      MLFLOW_TAGS.sourceName,
      MLFLOW_TAGS.gitCommit,
      MLTRACK_TAGS.host,
      MLTRACK_TAGS.os,
    ])
      expect(run.data.tags[key], key).toBeTruthy();
    expect(run.data.tags[MLFLOW_TAGS.gitCommit]).toMatch(/^[0-9a-f]{40}$/);
    expect(["true", "false"]).toContain(run.data.tags[MLTRACK_TAGS.gitDirty]);
    expect(await history(run.info.runId, "loss")).toEqual([
      [0, 1],
      [1, 0.5],
      [2, 1 / 3],
    ]);
    expect(await history(run.info.runId, "accuracy")).toEqual([[3, 0.75]]);
    expect(await history(run.info.runId, "lr")).toEqual([[3, 0.01]]);
    expect(JSON.parse(await artifactText(run.info.runId, MLTRACK_ARTIFACTS.outputs))).toEqual({ note: "converged" });

    const lone = await runNamed("single-object");
    expect(lone.data.params).toEqual({ batch: "16", "schedule.warmup": "100" });
    expect(await history(lone.info.runId, "output")).toEqual([[0, 32]]);
  });

  it.each([
    ["TC39", false],
    ["legacy", true],
  ] as const)("decorates class methods (%s decorators, compiled by esbuild)", async (label, legacy) => {
    const source = `
      import { currentRun, track } from "mltrack-sdk";
      export function makeModel(options: { trackingUri: string; experiment: string }, label: string) {
        class Model {
          constructor(readonly factor: number) {}
          @track({ ...options, params: ["x"], runName: \`predict-\${label}\` })
          predict(x: number) {
            currentRun().log({ seen: x });
            return { y: x * this.factor };
          }
          @track({ ...options, runName: \`load-\${label}\` })
          static async load(factor: number) {
            await new Promise((resolve) => setTimeout(resolve, 1));
            return new this(factor);
          }
        }
        return Model;
      }`;
    const { code } = await transform(source, {
      loader: "ts",
      format: "cjs",
      target: "node20",
      tsconfigRaw: { compilerOptions: { experimentalDecorators: legacy } },
    });
    const module = { exports: {} as { makeModel?: (o: typeof target, l: string) => ModelClass } };
    interface ModelClass {
      load(factor: number): Promise<{ predict(x: number): { y: number } }>;
    }
    new Function("require", "module", "exports", code)(
      (id: string) => (id === "mltrack-sdk" ? sdk : undefined),
      module,
      module.exports,
    );
    const Model = module.exports.makeModel!(target, label);
    const model = await Model.load(3);
    expect(model.predict(2)).toEqual({ y: 6 });
    await flush();

    const predict = await runNamed(`predict-${label}`);
    expect(predict.info.status).toBe("FINISHED");
    expect(predict.data.params).toEqual({ x: "2" });
    expect(await history(predict.info.runId, "seen")).toEqual([[0, 2]]);
    expect(await history(predict.info.runId, "y")).toEqual([[1, 6]]);
    expect((await runNamed(`load-${label}`)).info.status).toBe("FINISHED");
  });

  it("nests a tracked call inside another as a child run, through async context", async () => {
    const fold = track(
      async (fold: number) => {
        await new Promise((resolve) => setTimeout(resolve, fold * 5));
        currentRun().log({ score: fold / 10 });
        return fold;
      },
      { ...target, params: ["fold"], runName: (fold) => `fold-${fold}` },
    );
    const crossValidate = track(async () => (await Promise.all([1, 2, 3].map((i) => fold(i)))).length, {
      ...target,
      runName: "cross-validate",
    });
    expect(await crossValidate()).toBe(3);
    await flush();

    const parent = await runNamed("cross-validate");
    expect(parent.data.tags[MLFLOW_TAGS.parentRunId]).toBeUndefined();
    for (const i of [1, 2, 3]) {
      const child = await runNamed(`fold-${i}`);
      expect(child.data.tags[MLFLOW_TAGS.parentRunId]).toBe(parent.info.runId);
      expect(child.data.params).toEqual({ fold: String(i) });
      expect(await history(child.info.runId, "score")).toEqual([[0, i / 10]]);
      expect(child.info.status).toBe("FINISHED");
    }
  });

  it("starts a generator's run at its first step: one never iterated makes no run", async () => {
    const batches = track(
      async function* batches(size: number) {
        for (let i = 0; i < 3; i++) {
          currentRun().log({ batch: i * size });
          yield i;
        }
        return { batches: 3 };
      },
      { ...target, params: ["size"], runName: (size) => `generator-${size}` },
    );
    const lines = track(
      function* lines(text: string) {
        yield* text.split("\n");
      },
      { ...target, runName: "generator-never" },
    );
    lines("a\nb");
    batches(1);
    await batches(2).return({ batches: 0 });
    const seen: number[] = [];
    for await (const i of batches(10)) seen.push(i);
    expect(seen).toEqual([0, 1, 2]);
    await flush();

    const run = await runNamed("generator-10");
    expect(run.info.status).toBe("FINISHED");
    expect(run.data.params).toEqual({ size: "10" });
    expect(await history(run.info.runId, "batch")).toEqual([
      [0, 0],
      [1, 10],
      [2, 20],
    ]);
    expect(await history(run.info.runId, "batches")).toEqual([[3, 3]]);
    const all = await mlflow.runs.search({
      experimentIds: [experimentId],
      filter: "attributes.run_name LIKE 'generator-%'",
    });
    expect(all.items.map((r) => r.info.runName)).toEqual(["generator-10"]);
  });

  it("leaves a FAILED run with the error and its stack, and rethrows the same error", async () => {
    const error = new RangeError("loss diverged at epoch 3");
    const diverge = track(
      async (epochs: number) => {
        currentRun().log({ loss: 1e9 });
        if (epochs > 2) throw error;
        return epochs;
      },
      { ...target, runName: "diverged" },
    );
    await expect(diverge(5)).rejects.toBe(error);
    await flush();

    const run = await runNamed("diverged");
    expect(run.info.status).toBe("FAILED");
    const tag = run.data.tags[MLTRACK_TAGS.errorStack]!;
    expect(tag).toContain("RangeError: loss diverged at epoch 3");
    expect(tag).toContain(error.stack!.split("\n")[1]!.trim());
    expect(await artifactText(run.info.runId, MLTRACK_ARTIFACTS.error)).toBe(error.stack);
    expect(await history(run.info.runId, "loss")).toEqual([[0, 1e9]]);
  });

  it("uploads artifacts: text, JSON, a file as it was when logged, and a step series of images", async () => {
    const file = path.join(scratch, "report.csv");
    writeFileSync(file, "epoch,loss\n0,1\n");
    // Past 16 MiB a file is copied to a staging file and streamed up.
    const large = path.join(scratch, "weights.bin");
    const weights = Buffer.alloc(17 * 1024 * 1024 + 3, 7);
    writeFileSync(large, weights);
    const png = (shade: number) =>
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, shade, shade, shade, shade]);
    track(
      () => {
        const run = currentRun();
        run.logText("# Notes\nfirst try", "notes/readme.md");
        run.logJson({ layers: [64, 32], dropout: 0.1 }, "config.json");
        run.logArtifact(file);
        run.logArtifact(large, "model/weights.bin");
        writeFileSync(file, "overwritten after logging");
        for (const step of [0, 10]) run.logImage(png(step), "samples", { step });
      },
      { ...target, runName: "artifacts" },
    )();
    await flush();

    const { info } = await runNamed("artifacts");
    const root = await collect(mlflow.artifacts.listAll({ runId: info.runId }));
    expect(root.map((f) => f.path).sort()).toEqual(["config.json", "model", "notes", "report.csv", "samples"]);
    const stored = await mlflow.downloadArtifact({ runId: info.runId, path: "model/weights.bin" });
    const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
    expect(sha(new Uint8Array(await stored.arrayBuffer()))).toBe(sha(weights));
    const samples = await collect(mlflow.artifacts.listAll({ runId: info.runId, path: "samples" }));
    expect(samples.map((f) => f.path).sort()).toEqual(["samples/step_0.png", "samples/step_10.png"]);
    expect(await artifactText(info.runId, "notes/readme.md")).toBe("# Notes\nfirst try");
    expect(JSON.parse(await artifactText(info.runId, "config.json"))).toEqual({ layers: [64, 32], dropout: 0.1 });
    expect(await artifactText(info.runId, "report.csv")).toBe("epoch,loss\n0,1\n");
    const image = await mlflow.downloadArtifact({ runId: info.runId, path: "samples/step_10.png" });
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(png(10));
  });

  it("logs LLM usage as llm.* metrics with cost, and tags the run as an LLM run", async () => {
    registerPricing("house-llm", { input: 2, output: 6 });
    const chat = track(
      async (question: string) => ({
        id: "chatcmpl-1",
        object: "chat.completion",
        model: "gpt-4o-mini-2024-07-18",
        choices: [{ index: 0, message: { role: "assistant", content: `echo: ${question}` } }],
        usage: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 },
      }),
      { ...target, runName: "openai-call", params: ["question"] },
    );
    const agent = track(
      () => {
        currentRun().logLlmUsage({
          type: "message",
          model: "claude-3-5-haiku-20241022",
          usage: { input_tokens: 100, output_tokens: 40 },
        });
        currentRun().logLlmUsage({
          object: "chat.completion",
          model: "house-llm",
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        });
        return "answered";
      },
      { ...target, runName: "agent" },
    );
    const answer = await chat("hi");
    expect(answer.choices[0]!.message.content).toBe("echo: hi");
    expect(agent()).toBe("answered");
    await flush();

    const openai = await runNamed("openai-call");
    expect(openai.data.tags).toMatchObject({
      [MLTRACK_TAGS.category]: "llm",
      [LLM_TAGS.provider]: "openai",
      [LLM_TAGS.model]: "gpt-4o-mini-2024-07-18",
    });
    expect(await history(openai.info.runId, LLM_METRICS.promptTokens)).toEqual([[0, 1200]]);
    expect(await history(openai.info.runId, LLM_METRICS.completionTokens)).toEqual([[0, 300]]);
    expect(await history(openai.info.runId, LLM_METRICS.totalTokens)).toEqual([[0, 1500]]);
    const [[, cost]] = (await history(openai.info.runId, LLM_METRICS.costUsd)) as [[number, number]];
    expect(cost).toBeCloseTo((1200 * 0.15 + 300 * 0.6) / 1e6, 12);
    expect(Object.keys(openai.data.metrics).sort()).toEqual(
      [...Object.values(LLM_METRICS), MLTRACK_METRICS.durationSeconds].sort(),
    );

    const multi = await runNamed("agent");
    expect(multi.data.tags[MLTRACK_TAGS.category]).toBe("llm");
    expect(await history(multi.info.runId, LLM_METRICS.totalTokens)).toEqual([
      [0, 140],
      [1, 15],
    ]);
    const costs = await history(multi.info.runId, LLM_METRICS.costUsd);
    expect(costs.map(([step]) => step)).toEqual([0, 1]);
    expect(costs[0]![1]).toBeCloseTo((100 * 0.8 + 40 * 4) / 1e6, 12);
    expect(costs[1]![1]).toBeCloseTo((10 * 2 + 5 * 6) / 1e6, 12);
  });

  it("delivers a script's run when the script just ends, with no flush() call", async () => {
    // A synchronous tracked function, and the process left to exit on its own: the run is created in
    // the background and the pipeline flushes on beforeExit.
    const script = `
      import { currentRun, track } from "mltrack-sdk";
      const train = track(
        (epochs) => {
          for (let epoch = 0; epoch < epochs; epoch++) currentRun().log({ loss: 1 / (epoch + 1) });
          return { accuracy: 0.5 };
        },
        { experiment: process.env.EXPERIMENT, runName: "script-exit", params: ["epochs"] },
      );
      console.log(JSON.stringify(train(5)));`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      cwd: repoRoot,
      env: {
        ...process.env,
        MLFLOW_TRACKING_URI: trackingUri,
        EXPERIMENT: experiment,
        MLTRACK_SPOOL_DIR: path.join(scratch, "script-spool"),
      },
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toEqual({ accuracy: 0.5 });

    const run = await runNamed("script-exit");
    expect(run.info.status).toBe("FINISHED");
    expect(run.data.params).toEqual({ epochs: "5" });
    expect((await history(run.info.runId, "loss")).map(([step]) => step)).toEqual([0, 1, 2, 3, 4]);
    expect(await history(run.info.runId, "accuracy")).toEqual([[5, 0.5]]);
  });

  it("runs the user's function correctly when MLflow is unreachable at run start, warning once per kind of problem", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    sdk._testing.resetWarnings();
    sdk._testing.setRetryDelays([20, 20]);
    try {
      // A port nothing listens on: connections are refused.
      const offline = { trackingUri: "http://127.0.0.1:9", experiment };
      const square = track((x: number) => x * x, offline);
      const later = track(async (x: number) => {
        currentRun().log({ x });
        return x + 1;
      }, offline);
      expect(square(7)).toBe(49);
      await expect(later(1)).resolves.toBe(2);
      await flush();
      // The runs are kept for later (sdk-offline.test.ts delivers such runs): track() says so once,
      // and the pipeline once that it spools while MLflow stays unreachable.
      const said = warn.mock.calls.map((call) => String(call[0]));
      expect(said).toHaveLength(2);
      expect(said.every((message) => message.startsWith("[mltrack]"))).toBe(true);
      expect(said[0]).toMatch(/could not be reached to create run .*it is kept/);
      expect(said[1]).toMatch(/has been failing .*goes to the spool/);
    } finally {
      sdk._testing.setRetryDelays([500, 1000, 2000, 4000]);
      warn.mockRestore();
    }
  });
});
