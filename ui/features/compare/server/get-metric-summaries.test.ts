import { describe, expect, it } from "vitest";
import { createHistoryReader } from "@/features/metrics/server/history-reader";
import { points, scriptedMlflow } from "@/features/metrics/server/scripted-mlflow.test-helper";
import { MetricSummariesResponse } from "../schemas";
import { getMetricSummaries } from "./get-metric-summaries";

describe("getMetricSummaries", () => {
  const histories = () =>
    scriptedMlflow({
      r1: {
        status: "FINISHED",
        histories: {
          loss: points(30_000, (step) => (step === 17_000 ? 1e6 : step === 5 ? NaN : 1 + 1 / (1 + step))),
          acc: points(4, (step) => [0.5, 0.9, 0.9, -Infinity][step]!),
        },
      },
      r2: { status: "RUNNING", histories: { loss: points(3, (step) => 3 - step) } },
    });

  it("reads every page of each history and returns extremes, their first steps and NaN counts per run, in order", async () => {
    const scripted = histories();
    const result = await getMetricSummaries(
      scripted.mlflow,
      { runIds: ["r2", "gone", "r1"] },
      createHistoryReader({ pageSize: 10_000 }),
    );
    expect(MetricSummariesResponse.parse(result)).toEqual(result);
    expect(result.missing).toEqual(["gone"]);
    expect(result.summaries).toEqual([
      { runId: "r2", key: "loss", points: 3, min: 1, minStep: 2, max: 3, maxStep: 0, nan: 0 },
      { runId: "r1", key: "acc", points: 4, min: { nonFinite: "-Infinity" }, minStep: 3, max: 0.9, maxStep: 1, nan: 0 },
      {
        runId: "r1",
        key: "loss",
        points: 30_000,
        min: 1 + 1 / 30_000,
        minStep: 29_999,
        max: 1e6,
        maxStep: 17_000,
        nan: 1,
      },
    ]);
    // 30,000 points in pages of 10,000.
    expect(scripted.historyCalls.filter((c) => c.runId === "r1" && c.key === "loss")).toHaveLength(3);
  });

  it("reads only the asked keys, and a finished run's histories once through the shared reader", async () => {
    const scripted = histories();
    const reader = createHistoryReader();
    const first = await getMetricSummaries(scripted.mlflow, { runIds: ["r1", "r2"], metricKeys: ["acc"] }, reader);
    expect(first.summaries.map((s) => [s.runId, s.key])).toEqual([["r1", "acc"]]);
    await getMetricSummaries(scripted.mlflow, { runIds: ["r1"], metricKeys: ["acc"] }, reader);
    expect(scripted.historyCalls.filter((c) => c.key === "acc")).toHaveLength(1);
  });
});
