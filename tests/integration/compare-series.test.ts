/**
 * The compare page's series path through the built UI against a real MLflow: 150 runs split across
 * overlay requests of at most 100, x = another metric, smoothing computed before downsampling, and
 * group statistics over the runs of each group, each checked against what MLflow stores.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowClient } from "mltrack-sdk/mlflow";
import { fromLineColumns } from "@/features/compare/prepare";
import { GroupSeriesResponse, OverlaySeriesResponse } from "@/features/metrics";

const mlflow = new MlflowClient({ trackingUri: inject("mlflowUrl"), auth: null });
const uiUrl = inject("uiUrl");

const RUNS = 150;
const STEPS = 40;
const T0 = Date.UTC(2026, 0, 1);
/**
 * Run i logs loss = i + step / 100 at every step except those ≡ i (mod 7), and epoch = step / 4; every
 * tenth run also logs `health`: 1, NaN at step 3 and Infinity at step 5.
 */
const skipped = (i: number, step: number) => step % 7 === i % 7;
const lossAt = (i: number, step: number) => i + step / 100;
const healthAt = (step: number) => (step === 3 ? NaN : step === 5 ? Infinity : 1);

let experimentId: string;
const runIds: string[] = [];

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${uiUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
};

describe("compare series API", () => {
  beforeAll(async () => {
    experimentId = await mlflow.experiments.create({ name: `compare-series-${randomUUID().slice(0, 8)}` });
    let next = 0;
    const ids = new Array<string>(RUNS);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = next++; i < RUNS; i = next++) {
          const run = await mlflow.runs.create({ experimentId, runName: `run-${i}`, startTime: T0 });
          const metrics = Array.from({ length: STEPS }, (_, step) => [
            ...(skipped(i, step) ? [] : [{ key: "loss", value: lossAt(i, step), step, timestamp: T0 + step * 1000 }]),
            { key: "epoch", value: step / 4, step, timestamp: T0 + step * 1000 },
            ...(i % 10 === 0 ? [{ key: "health", value: healthAt(step), step, timestamp: T0 + step * 1000 }] : []),
          ]).flat();
          await mlflow.runs.logBatch({ runId: run.info.runId, metrics, params: { parity: String(i % 2) } });
          await mlflow.runs.update({ runId: run.info.runId, status: "FINISHED", endTime: T0 + STEPS * 1000 });
          ids[i] = run.info.runId;
        }
      }),
    );
    runIds.push(...ids);
  }, 600_000);
  afterAll(() => mlflow.experiments.delete({ experimentId }));

  it("serves 150 runs in requests of at most 100 and refuses more", async () => {
    const tooMany = await post("/api/metrics/overlay", { runIds, metricKey: "loss", buckets: 100 });
    expect(tooMany.status).toBe(400);
    const parts = [runIds.slice(0, 100), runIds.slice(100)];
    const answers = await Promise.all(
      parts.map(async (ids) => {
        const res = await post("/api/metrics/overlay", { runIds: ids, metricKey: "loss", buckets: 100 });
        expect(res.status).toBe(200);
        return OverlaySeriesResponse.parse(res.body);
      }),
    );
    const series = answers.flatMap((a) => a.series);
    expect(series.map((s) => s.runId)).toEqual(runIds);
    series.forEach((s, i) => {
      const expected = Array.from({ length: STEPS }, (_, step) => step).filter((step) => !skipped(i, step));
      expect(s.totalPoints).toBe(expected.length);
      // A missing step is left out, never a zero.
      expect(
        fromLineColumns(s.line)
          .filter((p) => p.y !== null)
          .map((p) => [p.step, p.y]),
      ).toEqual(expected.map((step) => [step, lossAt(i, step)]));
    });
  });

  it("places loss on epoch (x = epoch at the same step) and smooths at full resolution", async () => {
    const res = await post("/api/metrics/overlay", {
      runIds: runIds.slice(0, 3),
      metricKey: "loss",
      xAxis: "metric:epoch",
      smoothing: 0.5,
      buckets: 100,
    });
    expect(res.status).toBe(200);
    const [first] = OverlaySeriesResponse.parse(res.body).series;
    const placed = fromLineColumns(first!.line).filter((p) => p.y !== null);
    for (const p of placed) expect(p.x).toBe(p.step / 4);
    // EMA (debiased) over run 0's loss values in step order.
    let last = 0;
    let decay = 1;
    const expected = placed.map((p) => {
      last = last * 0.5 + 0.5 * p.y!;
      decay *= 0.5;
      return last / (1 - decay);
    });
    expect(first!.smoothed!.y).toEqual(expected.map((v) => expect.closeTo(v, 9)));
  });

  it("gives each group's mean, std and count per step over its runs", async () => {
    const groups = ["0", "1"].map((parity) => ({
      id: parity,
      runIds: runIds.filter((_, i) => String(i % 2) === parity),
    }));
    const res = await post("/api/metrics/groups", { groups, metricKey: "loss", buckets: 100 });
    expect(res.status).toBe(200);
    const [even] = GroupSeriesResponse.parse(res.body).groups;
    expect(even!.runs).toBe(75);
    const evens = runIds.map((_, i) => i).filter((i) => i % 2 === 0);
    for (const point of even!.points) {
      const values = evens.filter((i) => !skipped(i, point.step)).map((i) => lossAt(i, point.step));
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
      expect(point.count).toBe(values.length);
      expect(point.mean).toBeCloseTo(mean, 9);
      expect(point.hi - point.mean).toBeCloseTo(std, 9);
    }
    expect(even!.points).toHaveLength(STEPS);
    expect(even!.markers).toEqual([]);
  });

  it("marks the NaN and Infinity a group's mean leaves out, counting the runs that logged them", async () => {
    const res = await post("/api/metrics/groups", {
      groups: [{ id: "0", runIds: runIds.filter((_, i) => i % 2 === 0) }],
      metricKey: "health",
      buckets: 100,
    });
    expect(res.status).toBe(200);
    const [group] = GroupSeriesResponse.parse(res.body).groups;
    expect(group!.runs).toBe(15);
    expect(group!.markers.map(({ step, kind, count }) => [step, kind, count])).toEqual([
      [3, "nan", 15],
      [5, "+inf", 15],
    ]);
    expect(group!.points.map((p) => p.step)).not.toContain(3);
    expect(group!.points.every((p) => p.mean === 1 && p.count === 15)).toBe(true);
  });
});
