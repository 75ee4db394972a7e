/**
 * A scripted `fetch` answering the MLflow calls the history reader makes (`runs/get`, `runs/search`
 * by `attributes.run_id IN (...)`, paginated `metrics/get-history` and `get-history-bulk-interval`) from in-memory runs, recording
 * each call and how many were in flight at once. For unit tests of the reader with an injected fetch; integration
 * tests use a real MLflow.
 */
import { MlflowClient, type RunStatus } from "mltrack-sdk/mlflow";
import { json } from "../../../../mltrack-sdk/src/testing/scripted-fetch";

export interface Point {
  step: number;
  timestamp: number;
  value: number;
}

export interface ScriptedRun {
  status: RunStatus;
  /** Default "1". */
  experimentId?: string;
  histories: Record<string, Point[]>;
}

export interface HistoryCall {
  runId: string;
  key: string;
  maxResults: number;
  pageToken: string | null;
}

const wireValue = (value: number) =>
  Number.isNaN(value) ? "NaN" : value === Infinity ? "Infinity" : value === -Infinity ? "-Infinity" : value;

const latest = (points: Point[]) =>
  points.reduce((best, p) =>
    p.step > best.step || (p.step === best.step && (p.timestamp > best.timestamp || p.value > best.value)) ? p : best,
  );

const wireRun = (runId: string, run: ScriptedRun) => ({
  info: { run_id: runId, experiment_id: run.experimentId ?? "1", status: run.status },
  data: {
    metrics: Object.entries(run.histories)
      .filter(([, points]) => points.length > 0)
      .map(([key, points]) => {
        const { step, timestamp, value } = latest(points);
        return { key, step, timestamp, value: wireValue(value) };
      }),
  },
});

export function scriptedMlflow(
  runs: Record<string, ScriptedRun>,
  options: { failNext?: number; failSearches?: boolean } = {},
) {
  const historyCalls: HistoryCall[] = [];
  const runCalls: string[] = [];
  /** Per `get-history-bulk-interval` call: its run ids. */
  const sampleCalls: string[][] = [];
  /** Per `runs/search`: its experiment ids and the run ids of its filter. */
  const searchCalls: { experimentIds: string[]; runIds: string[] }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let failures = options.failNext ?? 0;

  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      // Let every other started call reach this point too, so overlap is observable.
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (failures > 0) {
        failures--;
        return json({ error_code: "INTERNAL_ERROR", message: "scripted failure" }, 500);
      }
      if (url.pathname.endsWith("/runs/search")) {
        const body = JSON.parse(String(init?.body)) as { experiment_ids: string[]; filter: string };
        const runIds = [...body.filter.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
        searchCalls.push({ experimentIds: body.experiment_ids, runIds });
        if (options.failSearches)
          return json({ error_code: "INTERNAL_ERROR", message: "scripted search failure" }, 500);
        const found = runIds.filter((id) => runs[id] && body.experiment_ids.includes(runs[id].experimentId ?? "1"));
        return json({ runs: found.map((id) => wireRun(id, runs[id]!)) });
      }
      if (url.pathname.endsWith("/metrics/get-history-bulk-interval")) {
        // A stand-in for MLflow's sampling: every k-th point of each run, its last one kept.
        const key = url.searchParams.get("metric_key") ?? "";
        const maxResults = Number(url.searchParams.get("max_results"));
        const runIds = url.searchParams.getAll("run_ids");
        sampleCalls.push(runIds);
        const metrics = runIds.flatMap((id) => {
          const all = runs[id]?.histories[key] ?? [];
          const every = Math.max(1, Math.ceil(all.length / maxResults));
          return all
            .filter((_, i) => i % every === 0 || i === all.length - 1)
            .map((p) => ({ key, step: p.step, timestamp: p.timestamp, value: wireValue(p.value), run_id: id }));
        });
        return json({ metrics });
      }
      const runId = url.searchParams.get("run_id") ?? "";
      const run = runs[runId];
      if (!run) return json({ error_code: "RESOURCE_DOES_NOT_EXIST", message: `Run '${runId}' not found` }, 404);
      if (url.pathname.endsWith("/runs/get")) {
        runCalls.push(runId);
        return json({ run: wireRun(runId, run) });
      }
      if (url.pathname.endsWith("/metrics/get-history")) {
        const key = url.searchParams.get("metric_key") ?? "";
        const maxResults = Number(url.searchParams.get("max_results"));
        const pageToken = url.searchParams.get("page_token");
        historyCalls.push({ runId, key, maxResults, pageToken });
        const points = run.histories[key] ?? [];
        const offset = pageToken ? Number(pageToken) : 0;
        const page = points.slice(offset, offset + maxResults);
        const next = offset + maxResults < points.length ? String(offset + maxResults) : undefined;
        return json({
          metrics: page.map((p) => ({ key, step: p.step, timestamp: p.timestamp, value: wireValue(p.value) })),
          ...(next ? { next_page_token: next } : {}),
        });
      }
      return json({ error_code: "ENDPOINT_NOT_FOUND", message: url.pathname }, 404);
    } finally {
      inFlight--;
    }
  };

  const mlflow = new MlflowClient({
    trackingUri: "http://mlflow.test",
    auth: null,
    maxRetries: 0,
    fetch: fetchImpl as typeof fetch,
  });
  return {
    mlflow,
    historyCalls,
    runCalls,
    searchCalls,
    sampleCalls,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

/** `n` points at steps 0..n-1, one second apart, valued by `value(step)`. */
export const points = (n: number, value: (step: number) => number = (step) => step): Point[] =>
  Array.from({ length: n }, (_, step) => ({ step, timestamp: 1_700_000_000_000 + step * 1000, value: value(step) }));
