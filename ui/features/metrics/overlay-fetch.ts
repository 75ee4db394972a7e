import { apiPost } from "@/lib/api-client";
import { OVERLAY_LIMITS, type OverlaySeriesRequest, type OverlaySeriesResponse } from "./schemas";

/** Requests of one overlay in flight at once from the browser. */
export const OVERLAY_REQUEST_CONCURRENCY = 3;

/** An overlay over any number of runs (the compare page allows 500). */
export type OverlayRequest = Omit<OverlaySeriesRequest, "runIds"> & { runIds: readonly string[] };

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Fetches an overlay in requests of at most 100 runs, at most three in flight, and joins the answers in
 * the runs' order: 500 runs are five requests the server prepares in parallel.
 */
export async function fetchOverlay(request: OverlayRequest, signal?: AbortSignal): Promise<OverlaySeriesResponse> {
  const parts = chunks(request.runIds, OVERLAY_LIMITS.runs);
  const answers = new Array<OverlaySeriesResponse>(parts.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(OVERLAY_REQUEST_CONCURRENCY, parts.length) }, async () => {
      for (let i = next++; i < parts.length; i = next++) {
        answers[i] = await apiPost<OverlaySeriesResponse>(
          "/api/metrics/overlay",
          { ...request, runIds: parts[i] },
          signal,
        );
      }
    }),
  );
  return {
    xAxis: request.xAxis ?? "step",
    range: request.range ?? null,
    runs: answers.flatMap((answer) => answer.runs),
    series: answers.flatMap((answer) => answer.series),
  };
}
