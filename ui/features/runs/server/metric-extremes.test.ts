import { describe, expect, it } from "vitest";
import { createHistoryReader } from "@/features/metrics/server";
import { points, scriptedMlflow } from "@/features/metrics/server/scripted-mlflow.test-helper";
import { metricExtremes } from "./metric-extremes";

describe("metricExtremes", () => {
  it("reads min and max over finite values through the shared history reader, caching finished runs", async () => {
    const scripted = scriptedMlflow({
      done: { status: "FINISHED", histories: { loss: points(5, (s) => [3, NaN, -2, Infinity, 7][s]!) } },
      live: { status: "RUNNING", histories: { loss: points(3, (s) => s * 10) } },
    });
    const reader = createHistoryReader();
    const runs = await Promise.all(["done", "live"].map((runId) => scripted.mlflow.runs.get({ runId })));

    for (let round = 0; round < 2; round++) {
      const extremes = await metricExtremes(scripted.mlflow, runs, ["loss", "acc"], reader);
      expect(extremes.get("done")).toEqual(new Map([["loss", { min: -2, max: 7 }]]));
      expect(extremes.get("live")).toEqual(new Map([["loss", { min: 0, max: 20 }]]));
    }
    // The finished run's history was read once; the running run's every time; "acc" (never logged) never.
    expect(scripted.historyCalls.map((call) => `${call.runId}/${call.key}`)).toEqual([
      "done/loss",
      "live/loss",
      "live/loss",
    ]);
  });
});
