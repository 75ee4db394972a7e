import { describe, expect, it } from "vitest";
import { MlflowNotFoundError } from "mltrack-sdk/mlflow";
import { type MetricSeriesRequest, MetricSeriesResponse } from "../schemas";
import { createHistoryReader } from "./history-reader";
import { readMetricSeries } from "./read-series";
import { points, scriptedMlflow } from "./scripted-mlflow.test-helper";

const T0 = 1_700_000_000_000;

describe("readMetricSeries", () => {
  it("returns one series per run and key, in the asked order, with a spike and markers kept", async () => {
    const spiky = points(20_000, (step) => (step === 12_345 ? 1e6 : step === 500 ? NaN : step === 600 ? Infinity : 1));
    const scripted = scriptedMlflow({
      r1: { status: "FINISHED", histories: { loss: spiky, acc: points(3) } },
      r2: { status: "RUNNING", histories: { loss: points(10) } },
    });
    const result = await readMetricSeries(
      scripted.mlflow,
      { runIds: ["r2", "r1"], metricKeys: ["loss", "acc"], buckets: 100 },
      createHistoryReader(),
    );

    expect(MetricSeriesResponse.safeParse(result).success).toBe(true);
    expect(result.runs).toEqual([
      { runId: "r2", status: "RUNNING" },
      { runId: "r1", status: "FINISHED" },
    ]);
    expect(result.series.map((s) => [s.runId, s.key, s.totalPoints])).toEqual([
      ["r2", "loss", 10],
      ["r2", "acc", 0],
      ["r1", "loss", 20_000],
      ["r1", "acc", 3],
    ]);
    const loss = result.series[2]!;
    expect(loss.sampled).toBe(true);
    expect(loss.points.length).toBeLessThanOrEqual(400);
    expect(loss.points).toContainEqual({ x: 12_345, y: 1e6, step: 12_345, timestamp: T0 + 12_345_000 });
    expect(loss.markers.map((m) => [m.kind, m.step])).toEqual([
      ["nan", 500],
      ["+inf", 600],
    ]);
    expect(loss).toMatchObject({ yMin: 1, yMax: 1e6, xMin: 0, xMax: 19_999 });
    // JSON carries no NaN: every y is a finite number or null.
    expect(loss.points.every((p) => p.y === null || Number.isFinite(p.y))).toBe(true);
    // The key r2 never logged cost no history call.
    expect(scripted.historyCalls.map((c) => `${c.runId}/${c.key}`).sort()).toEqual(["r1/acc", "r1/loss", "r2/loss"]);
  });

  it("places points on wall or relative time, and returns a zoomed range at full resolution", async () => {
    const scripted = scriptedMlflow({ r1: { status: "FINISHED", histories: { loss: points(10_000) } } });
    const reader = createHistoryReader();
    const read = (request: Omit<MetricSeriesRequest, "runIds" | "metricKeys">) =>
      readMetricSeries(scripted.mlflow, { runIds: ["r1"], metricKeys: ["loss"], ...request }, reader);

    const time = (await read({ xAxis: "time", buckets: 10 })).series[0]!;
    expect([time.xMin, time.xMax]).toEqual([T0, T0 + 9_999_000]);
    const relative = await read({ xAxis: "time-relative", buckets: 10, range: { from: 5000, to: 7000 } });
    expect(relative.range).toEqual({ from: 5000, to: 7000 });
    expect(relative.series[0]!.points.map((p) => [p.x, p.step])).toEqual([
      [5000, 5],
      [6000, 6],
      [7000, 7],
    ]);
    const zoom = (await read({ buckets: 100, range: { from: 2000, to: 2399 } })).series[0]!;
    expect(zoom).toMatchObject({ sampled: false, totalPoints: 400, xMin: 2000, xMax: 2399 });
    expect(zoom.points.map((p) => p.step)).toEqual(Array.from({ length: 400 }, (_, i) => 2000 + i));
    // One history read served all three requests: the run is finished.
    expect(scripted.historyCalls).toHaveLength(1);
  });

  it("fails with MLflow's not-found error for an unknown run", async () => {
    const scripted = scriptedMlflow({});
    await expect(
      readMetricSeries(scripted.mlflow, { runIds: ["nope"], metricKeys: ["loss"], buckets: 10 }, createHistoryReader()),
    ).rejects.toBeInstanceOf(MlflowNotFoundError);
  });
});
