import { apiPost } from "@/lib/api-client";
import { OVERLAY_LIMITS, type OverlaySeriesRequest, type OverlaySeriesResponse } from "./schemas";

/** Requests of one overlay in flight at once from the browser. */
export const OVERLAY_REQUEST_CONCURRENCY = 3;

/**
 * Runs per request once their full histories are read: small, so that lines turn exact a few at a
 * time while a cold comparison reads minutes of history from MLflow.
 */
export const FULL_SERIES_RUNS = 10;

/** An overlay over any number of runs (the compare page allows 500). */
export type OverlayRequest = Omit<OverlaySeriesRequest, "runIds" | "preview"> & { runIds: readonly string[] };

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `task` over `items`, at most `concurrency` at once, yielding each answer as it arrives. */
async function* asAnswered<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const running = new Map<number, Promise<{ id: number; answer: R }>>();
  let next = 0;
  const start = () => {
    const id = next++;
    running.set(
      id,
      task(items[id]!).then((answer) => ({ id, answer })),
    );
  };
  while (next < items.length && running.size < concurrency) start();
  while (running.size) {
    const { id, answer } = await Promise.race(running.values());
    running.delete(id);
    if (next < items.length) start();
    yield answer;
  }
}

const post = (request: OverlayRequest, runIds: readonly string[], preview: boolean, signal?: AbortSignal) =>
  apiPost<OverlaySeriesResponse>("/api/metrics/overlay", { ...request, runIds, preview }, signal);

/**
 * An overlay as it becomes known. First every run at once (requests of 100, three in flight): full
 * series where the server holds the histories, MLflow's sampled preview for the rest; then the
 * previewed runs' full series, ten runs a request, each answer as it comes. A comparison whose
 * histories are all held is one round.
 */
export async function* streamOverlay(
  request: OverlayRequest,
  signal?: AbortSignal,
): AsyncGenerator<OverlaySeriesResponse> {
  const first = await joined(
    request,
    await collect(
      asAnswered(chunks(request.runIds, OVERLAY_LIMITS.runs), OVERLAY_REQUEST_CONCURRENCY, async (ids) => ({
        ids,
        answer: await post(request, ids, true, signal),
      })),
    ),
  );
  yield first;
  const previewed = first.series.filter((series) => series.preview).map((series) => series.runId);
  yield* asAnswered(chunks(previewed, FULL_SERIES_RUNS), OVERLAY_REQUEST_CONCURRENCY, (ids) =>
    post(request, ids, false, signal),
  );
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Answers for chunks of the runs, joined in the runs' order. */
function joined(
  request: OverlayRequest,
  parts: readonly { ids: readonly string[]; answer: OverlaySeriesResponse }[],
): OverlaySeriesResponse {
  const order = new Map(request.runIds.map((runId, i) => [runId, i]));
  const first = (ids: readonly string[]) => order.get(ids[0]!) ?? 0;
  const answers = [...parts].sort((a, b) => first(a.ids) - first(b.ids)).map((part) => part.answer);
  return {
    xAxis: request.xAxis ?? "step",
    range: request.range ?? null,
    runs: answers.flatMap((answer) => answer.runs),
    series: answers.flatMap((answer) => answer.series),
  };
}

/** Folds a later answer into the overlay: its runs' series replace theirs (a preview by the full series). */
export function mergeOverlay(
  overlay: OverlaySeriesResponse | null | undefined,
  answer: OverlaySeriesResponse,
): OverlaySeriesResponse {
  if (!overlay) return answer;
  const series = new Map(answer.series.map((s) => [s.runId, s]));
  const runs = new Map(answer.runs.map((r) => [r.runId, r]));
  return {
    ...overlay,
    runs: overlay.runs.map((r) => runs.get(r.runId) ?? r),
    series: overlay.series.map((s) => series.get(s.runId) ?? s),
  };
}
