import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { chunks, mergeOverlay, streamOverlay } from "./overlay-fetch";
import { metricQueries } from "./queries";
import type { OverlaySeries, OverlaySeriesResponse } from "./schemas";

afterEach(() => vi.unstubAllGlobals());

const series = (runId: string, preview: boolean): OverlaySeries => ({
  runId,
  key: "loss",
  line: { x: [0, 1], y: [preview ? 1 : 2, 3] },
  smoothed: null,
  markers: [],
  totalPoints: 2,
  sampled: false,
  preview,
  xMin: 0,
  xMax: 1,
  yMin: 1,
  yMax: 3,
});

interface Sent {
  runIds: string[];
  preview: boolean;
}

/** The overlay route as the browser sees it: `previewed` runs come back as previews when asked for one. */
function serve(previewed: (runId: string) => boolean, sent: Sent[], flight = { now: 0, max: 0 }) {
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as Sent;
    sent.push(body);
    flight.max = Math.max(flight.max, ++flight.now);
    await new Promise((resolve) => setTimeout(resolve, 2 + (body.runIds.length % 3)));
    flight.now--;
    const answer: OverlaySeriesResponse = {
      xAxis: "step",
      range: null,
      runs: body.runIds.map((runId) => ({ runId, status: "FINISHED" })),
      series: body.runIds.map((runId) => series(runId, body.preview && previewed(runId))),
    };
    return new Response(JSON.stringify(answer), { status: 200 });
  });
  return flight;
}

async function all(request: Parameters<typeof streamOverlay>[0]) {
  const answers: OverlaySeriesResponse[] = [];
  for await (const answer of streamOverlay(request)) answers.push(answer);
  return answers;
}

describe("streamOverlay", () => {
  it("asks for 250 runs in previews of at most 100, 3 in flight, joined in order; held histories need no second round", async () => {
    const sent: Sent[] = [];
    const flight = serve(() => false, sent);
    const runIds = Array.from({ length: 250 }, (_, i) => `r${i}`);
    const answers = await all({ runIds, metricKey: "loss", buckets: 100 });
    expect(sent.map((s) => s.runIds.length).sort()).toEqual([100, 100, 50]);
    expect(sent.every((s) => s.preview)).toBe(true);
    expect(flight.max).toBeLessThanOrEqual(3);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.series.map((s) => s.runId)).toEqual(runIds);
  });

  it("then reads the previewed runs' full series ten runs a request, and the fold leaves no preview", async () => {
    const sent: Sent[] = [];
    const flight = serve((runId) => Number(runId.slice(1)) % 2 === 0, sent);
    const runIds = Array.from({ length: 50 }, (_, i) => `r${i}`);
    const answers = await all({ runIds, metricKey: "loss", buckets: 100 });
    expect(answers[0]!.series.filter((s) => s.preview)).toHaveLength(25);
    const full = sent.filter((s) => !s.preview);
    expect(full.map((s) => s.runIds.length).sort((a, b) => a - b)).toEqual([5, 10, 10]);
    expect(full.flatMap((s) => s.runIds).sort()).toEqual(runIds.filter((_, i) => i % 2 === 0).sort());
    expect(flight.max).toBeLessThanOrEqual(3);
    const folded = answers.reduce<OverlaySeriesResponse | undefined>(mergeOverlay, undefined)!;
    expect(folded.series.map((s) => s.runId)).toEqual(runIds);
    expect(folded.series.some((s) => s.preview)).toBe(false);
    expect(folded.series[0]!.line.y[0]).toBe(2);
  });

  it("is what the overlay query folds: the cache ends with every run's full series", async () => {
    serve((runId) => runId !== "r1", []);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const seen: (number | undefined)[] = [];
    const options = metricQueries.overlay({ runIds: ["r0", "r1", "r2"], metricKey: "loss", buckets: 100 });
    client.getQueryCache().subscribe(() => {
      const data = client.getQueryData(options.queryKey);
      seen.push(data?.series.filter((s) => s.preview).length);
    });
    const data = await client.fetchQuery(options);
    expect(data?.series.map((s) => [s.runId, s.preview])).toEqual([
      ["r0", false],
      ["r1", false],
      ["r2", false],
    ]);
    // The preview was in the cache first (two runs previewed), then replaced.
    expect(seen).toContain(2);
    expect(seen.at(-1)).toBe(0);
  });

  it("chunks", () => {
    expect(chunks([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
    expect(chunks([], 2)).toEqual([]);
  });
});

describe("mergeOverlay", () => {
  it("replaces the answered runs' series and statuses in place and keeps the rest", () => {
    const base: OverlaySeriesResponse = {
      xAxis: "step",
      range: null,
      runs: [
        { runId: "a", status: "RUNNING" },
        { runId: "b", status: "FINISHED" },
      ],
      series: [series("a", true), series("b", false)],
    };
    const later: OverlaySeriesResponse = {
      ...base,
      runs: [{ runId: "a", status: "FINISHED" }],
      series: [series("a", false)],
    };
    const merged = mergeOverlay(base, later);
    expect(merged.runs).toEqual([
      { runId: "a", status: "FINISHED" },
      { runId: "b", status: "FINISHED" },
    ]);
    expect(merged.series.map((s) => [s.runId, s.preview])).toEqual([
      ["a", false],
      ["b", false],
    ]);
    expect(mergeOverlay(undefined, base)).toBe(base);
  });
});
