/**
 * The overlay's preview through the built UI against a real MLflow: runs this UI has not read yet come
 * back at once as MLflow's sampled history (marked `preview`, every point one MLflow stores), a full
 * read then serves every point, and from then on a finished run's preview request is the full series.
 * A RUNNING run is never held, so it is previewed every time.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowClient } from "mltrack-sdk/mlflow";
import { fromLineColumns } from "@/features/compare/prepare";
import { OverlaySeriesResponse } from "@/features/metrics";

const mlflow = new MlflowClient({ trackingUri: inject("mlflowUrl"), auth: null });
const uiUrl = inject("uiUrl");

const RUNS = 4;
const STEPS = 3000;
const BUCKETS = 50;
const T0 = Date.UTC(2026, 0, 1);
/** Run i: loss = i + 1 / (1 + step), one spike of 1e6 at step 1234 + i; epoch = step / 100. */
const spikeAt = (i: number) => 1234 + i;
const lossAt = (i: number, step: number) => (step === spikeAt(i) ? 1e6 : i + 1 / (1 + step));

let experimentId: string;
const runIds: string[] = [];
let runningId: string;

async function overlay(body: Record<string, unknown>) {
  const res = await fetch(`${uiUrl}/api/metrics/overlay`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ metricKey: "loss", buckets: BUCKETS, ...body }),
  });
  expect(res.status).toBe(200);
  return OverlaySeriesResponse.parse(await res.json());
}

async function logRun(i: number, finished: boolean): Promise<string> {
  const run = await mlflow.runs.create({ experimentId, runName: `preview-${i}`, startTime: T0 });
  const runId = run.info.runId;
  for (let from = 0; from < STEPS; from += 500) {
    const metrics = Array.from({ length: 500 }, (_, k) => from + k).flatMap((step) => [
      { key: "loss", value: lossAt(i, step), step, timestamp: T0 + step * 1000 },
      { key: "epoch", value: step / 100, step, timestamp: T0 + step * 1000 },
    ]);
    await mlflow.runs.logBatch({ runId, metrics });
  }
  if (finished) await mlflow.runs.update({ runId, status: "FINISHED", endTime: T0 + STEPS * 1000 });
  return runId;
}

/** Every drawn point of run i is a point MLflow stores (x = step). */
function expectStoredPoints(i: number, line: { x: number[]; y: (number | null)[] }) {
  for (const point of fromLineColumns(line)) {
    expect(Number.isInteger(point.x)).toBe(true);
    if (point.y !== null) expect(point.y).toBe(lossAt(i, point.x));
  }
}

describe("overlay preview", () => {
  beforeAll(async () => {
    experimentId = await mlflow.experiments.create({ name: `compare-preview-${randomUUID().slice(0, 8)}` });
    runIds.push(...(await Promise.all(Array.from({ length: RUNS }, (_, i) => logRun(i, true)))));
    runningId = await logRun(RUNS, false);
  }, 300_000);
  afterAll(() => mlflow.experiments.delete({ experimentId }));

  it("previews unread runs from MLflow's sample, then serves the full series, then holds them", async () => {
    const preview = await overlay({ runIds, preview: true });
    expect(preview.series.map((s) => s.runId)).toEqual(runIds);
    preview.series.forEach((s, i) => {
      expect(s.preview).toBe(true);
      expect(s.totalPoints).toBeGreaterThan(1);
      expect(s.totalPoints).toBeLessThanOrEqual(BUCKETS);
      expectStoredPoints(i, s.line);
    });

    const full = await overlay({ runIds });
    full.series.forEach((s, i) => {
      expect(s.preview).toBe(false);
      expect(s.totalPoints).toBe(STEPS);
      expect(s.yMax).toBe(1e6);
      expect(fromLineColumns(s.line).some((p) => p.x === spikeAt(i) && p.y === 1e6)).toBe(true);
    });

    // Held now: the preview request answers with the same full series.
    const again = await overlay({ runIds, preview: true });
    expect(again.series).toEqual(full.series);
  });

  it("previews a zoom on steps inside its window, and x = another metric paired by step", async () => {
    const fresh = await logRun(9, true);
    const zoomed = await overlay({ runIds: [fresh], preview: true, range: { from: 1000, to: 2000 } });
    const [series] = zoomed.series;
    expect(series!.preview).toBe(true);
    const xs = fromLineColumns(series!.line).map((p) => p.x);
    expect(xs.length).toBeGreaterThan(1);
    expect(xs.every((x) => x >= 1000 && x <= 2000)).toBe(true);
    expectStoredPoints(9, series!.line);

    const onEpoch = await overlay({ runIds: [fresh], preview: true, xAxis: "metric:epoch" });
    const points = fromLineColumns(onEpoch.series[0]!.line);
    expect(onEpoch.series[0]!.preview).toBe(true);
    expect(points.length).toBeGreaterThan(1);
    // x is epoch = step / 100 at the same step, so each point's y is the loss logged at step 100·x.
    for (const p of points) if (p.y !== null) expect(p.y).toBe(lossAt(9, Math.round(p.x * 100)));
  });

  it("previews a RUNNING run every time: its history may still grow", async () => {
    const full = await overlay({ runIds: [runningId] });
    expect(full.series[0]!.preview).toBe(false);
    expect(full.series[0]!.totalPoints).toBe(STEPS);
    const preview = await overlay({ runIds: [runningId], preview: true });
    expect(preview.series[0]!.preview).toBe(true);
    expect(preview.runs[0]!.status).toBe("RUNNING");
  });

  it("answers a run without the key with an empty series, not a preview", async () => {
    const run = await mlflow.runs.create({ experimentId, runName: "no-loss", startTime: T0 });
    await mlflow.runs.update({ runId: run.info.runId, status: "FINISHED", endTime: T0 });
    const answer = await overlay({ runIds: [run.info.runId], preview: true });
    expect(answer.series[0]).toMatchObject({ preview: false, totalPoints: 0 });
  });
});
