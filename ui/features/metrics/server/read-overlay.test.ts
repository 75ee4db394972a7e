import { afterEach, describe, expect, it, vi } from "vitest";
import { fromLineColumns } from "@/features/compare/prepare";
import { GroupSeriesResponse, OverlaySeriesRequest, OverlaySeriesResponse } from "../schemas";
import { createHistoryReader } from "./history-reader";
import { PREVIEW_BUDGET_MS, readGroupSeries, readOverlaySeries } from "./read-overlay";
import { points, scriptedMlflow } from "./scripted-mlflow.test-helper";

describe("readOverlaySeries with preview", () => {
  afterEach(() => vi.restoreAllMocks());

  it("serves held histories in full, samples the others until its budget is spent, and leaves the rest empty", async () => {
    const scripted = scriptedMlflow({
      held: { status: "FINISHED", histories: { loss: points(500, (step) => (step === 333 ? 1e6 : 1)) } },
      sampled: { status: "FINISHED", histories: { loss: points(500) } },
      late: { status: "FINISHED", histories: { loss: points(500) } },
      none: { status: "FINISHED", histories: { acc: points(5) } },
    });
    const reader = createHistoryReader();
    await reader.read(scripted.mlflow, { runId: "held", key: "loss", status: "FINISHED" });
    // The clock passes the budget as soon as MLflow has sampled one run.
    const start = Date.now();
    vi.spyOn(Date, "now").mockImplementation(() => start + (scripted.sampleCalls.length ? PREVIEW_BUDGET_MS + 1 : 0));

    const { series } = await readOverlaySeries(
      scripted.mlflow,
      { runIds: ["held", "sampled", "late", "none"], metricKey: "loss", buckets: 50, preview: true },
      reader,
    );
    expect(scripted.sampleCalls).toEqual([["sampled"]]);
    const [held, sampled, late, none] = series;
    expect(held).toMatchObject({ preview: false, totalPoints: 500, yMax: 1e6 });
    expect(sampled!.preview).toBe(true);
    expect(sampled!.totalPoints).toBeGreaterThan(1);
    expect(sampled!.totalPoints).toBeLessThan(500);
    expect(late).toMatchObject({ preview: true, totalPoints: 0, line: { x: [], y: [] } });
    expect(none).toMatchObject({ preview: false, totalPoints: 0 });
  });
});

describe("readOverlaySeries", () => {
  it("returns one series per run, smoothing the full series before reducing it, with the spike kept raw", async () => {
    const spiky = points(20_000, (step) => (step === 12_345 ? 1e6 : 1));
    const scripted = scriptedMlflow({
      r1: { status: "FINISHED", histories: { loss: spiky } },
      r2: { status: "FINISHED", histories: { acc: points(3) } },
    });
    const result = await readOverlaySeries(
      scripted.mlflow,
      { runIds: ["r1", "r2"], metricKey: "loss", buckets: 100, smoothing: 0.9 },
      createHistoryReader(),
    );
    expect(OverlaySeriesResponse.safeParse(result).success).toBe(true);
    const [r1, r2] = result.series;
    expect(fromLineColumns(r1!.line)).toContainEqual({ x: 12_345, y: 1e6, step: 12_345 });
    // On a step axis steps are x: the wire leaves them out.
    expect(r1!.line.step).toBeUndefined();
    expect(r1!.line.x.length).toBeLessThanOrEqual(400);
    // EMA at full resolution: the smoothed value at the spike is exactly (1 − w)·1e6 + w·1 (debiased ≈ 1).
    const atSpike = fromLineColumns(r1!.smoothed!).find((p) => p.step === 12_345);
    expect(atSpike?.y).toBeCloseTo(0.1 * 1e6 + 0.9 * 1, 3);
    expect(r2).toMatchObject({ runId: "r2", totalPoints: 0, smoothed: null });
  });

  it("places a metric on another metric's values (x = that metric at the same step)", async () => {
    const scripted = scriptedMlflow({
      r1: {
        status: "FINISHED",
        histories: { loss: points(10, (step) => 10 - step), epoch: points(10, (step) => Math.floor(step / 5)) },
      },
      r2: { status: "FINISHED", histories: { loss: points(4) } },
    });
    const result = await readOverlaySeries(
      scripted.mlflow,
      { runIds: ["r1", "r2"], metricKey: "loss", xAxis: "metric:epoch", buckets: 100 },
      createHistoryReader(),
    );
    expect(result.xAxis).toBe("metric:epoch");
    expect(
      fromLineColumns(result.series[0]!.line)
        .filter((p) => p.y !== null)
        .map((p) => [p.x, p.y]),
    ).toEqual([
      [0, 10],
      [0, 9],
      [0, 8],
      [0, 7],
      [0, 6],
      [1, 5],
      [1, 4],
      [1, 3],
      [1, 2],
      [1, 1],
    ]);
    // r2 never logged epoch: none of its points can be placed.
    expect(result.series[1]!.totalPoints).toBe(0);
  });

  it("keeps a finished run's prepared series while its history is cached; a running run's is prepared again", async () => {
    const runs = {
      done: { status: "FINISHED" as const, histories: { loss: points(5_000, (step) => step % 7) } },
      live: { status: "RUNNING" as const, histories: { loss: points(5_000) } },
    };
    const scripted = scriptedMlflow(runs);
    const reader = createHistoryReader();
    const ask = (buckets = 100) =>
      readOverlaySeries(scripted.mlflow, { runIds: ["done", "live"], metricKey: "loss", buckets }, reader);
    const first = await ask();
    const second = await ask();
    expect(second.series[0]).toBe(first.series[0]);
    expect(second.series[1]).not.toBe(first.series[1]);
    expect(second.series[1]).toEqual(first.series[1]);
    // Another width is another variant; the first is still kept.
    expect((await ask(50)).series[0]).not.toBe(first.series[0]);
    expect((await ask()).series[0]).toBe(first.series[0]);
    // The finished run logs a later point: its history is read again, and so prepared again.
    runs.done.histories.loss.push({ step: 5_000, timestamp: 1_800_000_000_000, value: 1e6 });
    const after = await ask();
    expect(after.series[0]).not.toBe(first.series[0]);
    expect(after.series[0]!.yMax).toBe(1e6);
  });

  it("refuses more than 100 runs and an unknown x-axis", () => {
    const ids = Array.from({ length: 101 }, (_, i) => `r${i}`);
    expect(OverlaySeriesRequest.safeParse({ runIds: ids, metricKey: "loss", buckets: 10 }).success).toBe(false);
    expect(OverlaySeriesRequest.safeParse({ runIds: ["a"], metricKey: "l", buckets: 10, xAxis: "epoch" }).success).toBe(
      false,
    );
    expect(
      OverlaySeriesRequest.safeParse({ runIds: ["a"], metricKey: "l", buckets: 10, xAxis: "metric:epoch" }).success,
    ).toBe(true);
  });
});

describe("readGroupSeries", () => {
  it("gives each group's mean and ± std per step, runs missing steps left out there", async () => {
    const scripted = scriptedMlflow({
      a1: { status: "FINISHED", histories: { loss: points(4, () => 1) } },
      a2: { status: "FINISHED", histories: { loss: points(2, () => 3) } },
      b1: { status: "FINISHED", histories: { loss: points(4, () => 10) } },
      b2: { status: "FINISHED", histories: { acc: points(4) } },
    });
    const result = await readGroupSeries(
      scripted.mlflow,
      {
        groups: [
          { id: "a", runIds: ["a1", "a2"] },
          { id: "b", runIds: ["b1", "b2"] },
        ],
        metricKey: "loss",
        buckets: 100,
      },
      createHistoryReader(),
    );
    expect(GroupSeriesResponse.safeParse(result).success).toBe(true);
    const [a, b] = result.groups;
    expect(a!.runs).toBe(2);
    expect(a!.points.map((p) => [p.step, p.mean, p.count])).toEqual([
      [0, 2, 2],
      [1, 2, 2],
      [2, 1, 1],
      [3, 1, 1],
    ]);
    expect(a!.points[0]!.hi - a!.points[0]!.mean).toBeCloseTo(Math.SQRT2, 12);
    expect(b).toMatchObject({ id: "b", runs: 1, smoothed: null });
  });
});
