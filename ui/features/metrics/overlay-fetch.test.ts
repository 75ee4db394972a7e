import { afterEach, describe, expect, it, vi } from "vitest";
import { chunks, fetchOverlay } from "./overlay-fetch";

afterEach(() => vi.unstubAllGlobals());

describe("fetchOverlay", () => {
  it("splits 250 runs into requests of at most 100, at most 3 in flight, and joins them in order", async () => {
    const bodies: string[][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { runIds: string[] };
      bodies.push(body.runIds);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      const runs = body.runIds.map((runId) => ({ runId, status: "FINISHED" }));
      return new Response(JSON.stringify({ xAxis: "step", range: null, runs, series: [] }), { status: 200 });
    });
    const runIds = Array.from({ length: 250 }, (_, i) => `r${i}`);
    const result = await fetchOverlay({ runIds, metricKey: "loss", buckets: 100 });
    expect(bodies.map((ids) => ids.length).sort()).toEqual([100, 100, 50]);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(result.runs.map((r) => r.runId)).toEqual(runIds);
  });

  it("chunks", () => {
    expect(chunks([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
    expect(chunks([], 2)).toEqual([]);
  });
});
