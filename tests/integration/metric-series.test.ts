/**
 * POST /api/metrics/series through the built UI against a real MLflow: a 100,000-step history with
 * one spike, a NaN and an Infinity comes back at most 4 points per bucket with all three kept, and a
 * zoomed range comes back as every raw point inside it, exactly as MLflow stores them.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowClient, collect } from "mltrack-sdk/mlflow";
import { MetricSeriesResponse } from "@/features/metrics";

const mlflow = new MlflowClient({ trackingUri: inject("mlflowUrl"), auth: null });
const uiUrl = inject("uiUrl");

const STEPS = 100_000;
const SPIKE_STEP = 54_321;
const NAN_STEP = 10_000;
const INF_STEP = 20_000;
const T0 = Date.UTC(2026, 0, 1);

/** A decaying, wiggling loss: every value distinct, all far below the spike. */
const valueAt = (step: number) =>
  step === SPIKE_STEP
    ? 1e6
    : step === NAN_STEP
      ? Number.NaN
      : step === INF_STEP
        ? Infinity
        : 1 / (1 + step / 1000) + 0.01 * Math.sin(step / 7);

let experimentId: string;
let runId: string;

const post = (body: unknown) =>
  fetch(`${uiUrl}/api/metrics/series`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

async function series(body: Record<string, unknown>) {
  const res = await post({ runIds: [runId], metricKeys: ["loss"], ...body });
  expect(res.status).toBe(200);
  const parsed = MetricSeriesResponse.parse(await res.json());
  return parsed.series[0]!;
}

describe("metric series API", () => {
  beforeAll(async () => {
    experimentId = await mlflow.experiments.create({ name: `metric-series-${randomUUID().slice(0, 8)}` });
    const run = await mlflow.runs.create({ experimentId, runName: "long", startTime: T0 });
    runId = run.info.runId;
    for (let start = 0; start < STEPS; start += 1000) {
      const metrics = Array.from({ length: 1000 }, (_, i) => {
        const step = start + i;
        return { key: "loss", value: valueAt(step), step, timestamp: T0 + step * 100 };
      });
      await mlflow.runs.logBatch({ runId, metrics });
    }
    await mlflow.runs.update({ runId, status: "FINISHED", endTime: T0 + STEPS * 100 });
    // 100 log-batch calls of 1,000 points: minutes on a busy machine.
  }, 900_000);
  afterAll(() => mlflow.experiments.delete({ experimentId }));

  it("keeps the spike, the NaN and the Infinity among 100,000 steps in at most 4 points per bucket", async () => {
    const buckets = 500;
    const loss = await series({ xAxis: "step", buckets });

    expect(loss.totalPoints).toBe(STEPS);
    expect(loss.sampled).toBe(true);
    expect(loss.points.length).toBeLessThanOrEqual(4 * buckets + 2);
    expect(loss.points.filter((p) => p.y !== null).length).toBeLessThanOrEqual(4 * buckets);
    expect(loss.points).toContainEqual({ x: SPIKE_STEP, y: 1e6, step: SPIKE_STEP, timestamp: T0 + SPIKE_STEP * 100 });
    expect(loss.yMax).toBe(1e6);
    // MLflow stores +Infinity as Number.MAX_VALUE; it comes back as an Infinity marker, not a number.
    expect(loss.markers.map(({ kind, step, count }) => ({ kind, step, count }))).toEqual([
      { kind: "nan", step: NAN_STEP, count: 1 },
      { kind: "+inf", step: INF_STEP, count: 1 },
    ]);
    expect(loss.points.filter((p) => p.y === null).map((p) => p.step)).toEqual([NAN_STEP, INF_STEP]);
    expect([loss.xMin, loss.xMax]).toEqual([0, STEPS - 1]);
  });

  it("returns every raw point of a zoomed range that fits, as MLflow has them", async () => {
    const zoom = await series({ xAxis: "step", buckets: 500, range: { from: 54_000, to: 54_999 } });
    expect(zoom).toMatchObject({ sampled: false, totalPoints: 1000, xMin: 54_000, xMax: 54_999 });

    const history = await collect(mlflow.metrics.getHistoryAll({ runId, metricKey: "loss", maxResults: 25_000 }));
    const raw = history
      .filter((m) => m.step >= 54_000 && m.step <= 54_999)
      .sort((a, b) => a.step - b.step)
      .map((m) => ({ x: m.step, y: m.value, step: m.step, timestamp: m.timestamp }));
    expect(raw).toHaveLength(1000);
    expect(zoom.points).toEqual(raw);
    expect(zoom.points.find((p) => p.step === SPIKE_STEP)?.y).toBe(1e6);

    const aroundNan = await series({ xAxis: "step", buckets: 10, range: { from: NAN_STEP - 10, to: NAN_STEP + 10 } });
    expect(aroundNan.totalPoints).toBe(21);
    expect(aroundNan.points.map((p) => p.step)).toEqual(Array.from({ length: 21 }, (_, i) => NAN_STEP - 10 + i));
    expect(aroundNan.points[10]).toMatchObject({ step: NAN_STEP, y: null });
    expect(aroundNan.markers).toHaveLength(1);
  });

  it("places points on wall time and on time since the first point", async () => {
    const wall = await series({ xAxis: "time", buckets: 100 });
    expect([wall.xMin, wall.xMax]).toEqual([T0, T0 + (STEPS - 1) * 100]);
    const relative = await series({ xAxis: "time-relative", buckets: 100, range: { from: 0, to: 900 } });
    expect(relative.points.map((p) => [p.x, p.step])).toEqual(Array.from({ length: 10 }, (_, i) => [i * 100, i]));
  });

  it("answers bad bodies with 400 and an unknown run with 404", async () => {
    for (const body of [
      { runIds: [], metricKeys: ["loss"], buckets: 10 },
      { runIds: [runId], metricKeys: ["loss"], buckets: 5000 },
      { runIds: [runId], metricKeys: ["loss"], buckets: 10, range: { from: 5, to: 1 } },
    ]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("INVALID_PARAMETER_VALUE");
    }
    const missing = await post({ runIds: ["0123456789abcdef0123456789abcdef"], metricKeys: ["loss"], buckets: 10 });
    expect(missing.status).toBe(404);
  });
});
