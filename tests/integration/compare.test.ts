/**
 * The compare page's APIs through the built UI against a real MLflow: runs from two experiments come
 * back in the asked order with an unknown id reported as missing; min, max and the step of each come
 * from the full histories as logged (NaN counted apart, Infinity an extreme); bad bodies get a 400
 * that says what is wrong.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { MlflowClient } from "mltrack-sdk/mlflow";
import { CompareRunsResponse, MetricSummariesResponse } from "@/features/compare";
import { createLimiter } from "@/features/metrics/server/limiter";
import { createRunBatcher } from "@/features/metrics/server/run-batcher";

const mlflow = new MlflowClient({ trackingUri: inject("mlflowUrl"), auth: null });
const uiUrl = inject("uiUrl");
const T0 = Date.UTC(2026, 0, 1);
/** A well-formed run id MLflow has never issued. */
const UNKNOWN = "0123456789abcdef0123456789abcdef";

const post = (path: string, body: unknown) =>
  fetch(`${uiUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

/** loss per step; a 3,000-step history, so it spans more than one page of a small reader and many log-batch calls. */
const lossAt = (step: number) => (step === 1234 ? 0.001 : step === 2000 ? Number.NaN : 2 + Math.sin(step / 50));

const experimentIds: string[] = [];
const runIds: Record<string, string> = {};

async function seedRun(experimentId: string, name: string, history: { key: string; step: number; value: number }[]) {
  const run = await mlflow.runs.create({ experimentId, runName: name, startTime: T0 });
  for (let i = 0; i < history.length; i += 1000) {
    const metrics = history.slice(i, i + 1000).map((m) => ({ ...m, timestamp: T0 + m.step }));
    await mlflow.runs.logBatch({ runId: run.info.runId, metrics });
  }
  await mlflow.runs.logBatch({ runId: run.info.runId, params: { model: name } });
  await mlflow.runs.update({ runId: run.info.runId, status: "FINISHED", endTime: T0 + 10_000 });
  runIds[name] = run.info.runId;
}

describe("compare API", () => {
  beforeAll(async () => {
    const suffix = randomUUID().slice(0, 8);
    const a = await mlflow.experiments.create({ name: `compare-a-${suffix}` });
    const b = await mlflow.experiments.create({ name: `compare-b-${suffix}` });
    experimentIds.push(a, b);
    await seedRun(
      a,
      "long",
      Array.from({ length: 3000 }, (_, step) => ({ key: "loss", step, value: lossAt(step) })),
    );
    await seedRun(a, "acc-run", [
      { key: "acc", step: 0, value: 0.5 },
      { key: "acc", step: 1, value: 0.9 },
      { key: "acc", step: 2, value: 0.9 },
      { key: "acc", step: 3, value: 0.7 },
      { key: "diverged", step: 0, value: 1 },
      { key: "diverged", step: 5, value: Infinity },
    ]);
    await seedRun(b, "other", [
      { key: "loss", step: 10, value: 3 },
      { key: "loss", step: 11, value: 2 },
    ]);
  }, 300_000);
  afterAll(async () => {
    for (const experimentId of experimentIds) await mlflow.experiments.delete({ experimentId });
  });

  it("reads located runs of two experiments in one runs/search, deleted ones too, with their current state", async () => {
    const run = createRunBatcher({ limit: createLimiter(4) });
    const ids = [runIds.long!, runIds.other!, runIds["acc-run"]!];
    const byGet = await Promise.all(ids.map((id) => run(mlflow, id)));
    await mlflow.runs.setTag({ runId: runIds.long!, key: "phase", value: "second read" });
    await mlflow.runs.delete({ runId: runIds.other! });
    try {
      const bySearch = await Promise.all(ids.map((id) => run(mlflow, id)));
      expect(bySearch.map((r) => r.info.runId)).toEqual(ids);
      expect(bySearch.map((r) => r.info.experimentId)).toEqual(byGet.map((r) => r.info.experimentId));
      expect(bySearch[0]!.data.tags.phase).toBe("second read");
      expect(bySearch[1]!.info.lifecycleStage).toBe("deleted");
      expect(bySearch[2]!.data.metrics).toEqual(byGet[2]!.data.metrics);
      expect(bySearch[2]!.data.params).toEqual(byGet[2]!.data.params);
      await expect(run(mlflow, UNKNOWN)).rejects.toThrow(/not found|does not exist/i);
    } finally {
      await mlflow.runs.restore({ runId: runIds.other! });
      await mlflow.runs.deleteTag({ runId: runIds.long!, key: "phase" });
    }
  });

  it("returns runs of two experiments in the asked order and reports an unknown id as missing", async () => {
    const asked = [runIds.other!, UNKNOWN, runIds.long!, runIds["acc-run"]!];
    const res = await post("/api/compare/runs", { runIds: asked });
    expect(res.status).toBe(200);
    const body = CompareRunsResponse.parse(await res.json());
    expect(body.runs.map((run) => run.runName)).toEqual(["other", "long", "acc-run"]);
    expect(body.missing).toEqual([UNKNOWN]);
    expect(new Set(body.runs.map((run) => run.experimentId))).toEqual(new Set(experimentIds));
    const [other, long] = body.runs;
    expect(other!.experimentName).toMatch(/^compare-b-/);
    expect(long!.experimentName).toMatch(/^compare-a-/);
    expect(long!.params).toEqual({ model: "long" });
    expect(long!.metrics.loss).toMatchObject({ value: lossAt(2999), step: 2999 });
  });

  it("computes min, max and their steps from the full histories as logged", async () => {
    const res = await post("/api/compare/metric-summaries", {
      runIds: [runIds.long!, runIds["acc-run"]!, UNKNOWN, runIds.other!],
    });
    expect(res.status).toBe(200);
    const { summaries, missing } = MetricSummariesResponse.parse(await res.json());
    expect(missing).toEqual([UNKNOWN]);

    // The expected extremes, from the same values that were logged.
    let [min, minStep, max, maxStep] = [Infinity, -1, -Infinity, -1];
    for (let step = 0; step < 3000; step++) {
      const value = lossAt(step);
      if (Number.isNaN(value)) continue;
      if (value < min) [min, minStep] = [value, step];
      if (value > max) [max, maxStep] = [value, step];
    }
    expect(summaries).toEqual([
      { runId: runIds.long, key: "loss", points: 3000, min, minStep, max, maxStep, nan: 1 },
      { runId: runIds["acc-run"], key: "acc", points: 4, min: 0.5, minStep: 0, max: 0.9, maxStep: 1, nan: 0 },
      {
        runId: runIds["acc-run"],
        key: "diverged",
        points: 2,
        min: 1,
        minStep: 0,
        max: { nonFinite: "Infinity" },
        maxStep: 5,
        nan: 0,
      },
      { runId: runIds.other, key: "loss", points: 2, min: 2, minStep: 11, max: 3, maxStep: 10, nan: 0 },
    ]);
    expect(minStep).toBe(1234);

    // Only the asked keys, and only where the run logged them.
    const some = MetricSummariesResponse.parse(
      await (
        await post("/api/compare/metric-summaries", {
          runIds: [runIds.long!, runIds.other!],
          metricKeys: ["acc", "loss"],
        })
      ).json(),
    );
    expect(some.summaries.map((s) => [s.runId, s.key])).toEqual([
      [runIds.long, "loss"],
      [runIds.other, "loss"],
    ]);
  });

  it("opens the page for a full comparison: 500 run ids in the URL fit the server's header limit", async () => {
    const ids = [runIds.long!, ...Array.from({ length: 499 }, () => randomUUID().replaceAll("-", ""))];
    const res = await fetch(`${uiUrl}/compare?runs=${ids.join(",")}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Compare runs");
  });

  it.each([
    ["no body fields", {}],
    ["no runs", { runIds: [] }],
    ["a run id with a quote", { runIds: ["abc'def"] }],
    ["more than 500 runs", { runIds: Array.from({ length: 501 }, (_, i) => `r${i}`) }],
    ["an unknown field", { runIds: ["abc"], extra: 1 }],
    ["runIds not a list", { runIds: "abc" }],
  ])("refuses %s with a 400 on both routes", async (_, body) => {
    for (const path of ["/api/compare/runs", "/api/compare/metric-summaries"]) {
      const res = await post(path, body);
      expect(res.status, path).toBe(400);
      const error = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe("INVALID_PARAMETER_VALUE");
      expect(error.message.length).toBeGreaterThan(0);
    }
  });

  it("refuses an empty metric key list and a body that is not JSON", async () => {
    expect((await post("/api/compare/metric-summaries", { runIds: ["abc"], metricKeys: [] })).status).toBe(400);
    const res = await fetch(`${uiUrl}/api/compare/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
  });
});
