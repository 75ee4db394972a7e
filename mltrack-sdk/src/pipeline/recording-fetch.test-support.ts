/**
 * For the pipeline's unit tests: a scripted `fetch` (see testing/scripted-fetch.ts) whose answers to
 * `runs/log-batch` and `runs/update` are recorded per run, so tests can count every point that
 * arrived. It keeps duplicates (as a store without MLflow's primary key would), so exactly-once is
 * checked against the pipeline alone. `fail` decides per request whether to answer with an error.
 */
import { json, networkError, scriptedFetch, type RecordedCall } from "../testing/scripted-fetch";

export interface ReceivedMetric {
  key: string;
  value: number | string;
  timestamp: number;
  step: number;
}

export interface RecordedRun {
  metrics: ReceivedMetric[];
  params: Map<string, string>;
  tags: Map<string, string>;
  status?: string;
}

export interface LogBatchBody {
  run_id: string;
  metrics?: ReceivedMetric[];
  params?: { key: string; value: string }[];
  tags?: { key: string; value: string }[];
}

/** What to do with a request: answer normally, refuse it, or fail it (before or after applying it). */
export type Verdict =
  "ok" | { status: number; errorCode: string; message?: string; applied?: boolean } | { network: string };

export function recordingFetch(
  fail: (path: string, body: LogBatchBody & Record<string, unknown>) => Verdict = () => "ok",
) {
  const runs = new Map<string, RecordedRun>();
  const order: { path: string; runId: string; body: LogBatchBody & Record<string, unknown> }[] = [];
  const run = (id: string): RecordedRun => {
    let r = runs.get(id);
    if (!r) runs.set(id, (r = { metrics: [], params: new Map(), tags: new Map() }));
    return r;
  };
  const apply = (path: string, body: LogBatchBody & Record<string, unknown>): Response | undefined => {
    if (path.endsWith("/runs/log-batch")) {
      const r = run(body.run_id);
      for (const p of body.params ?? []) {
        const before = r.params.get(p.key);
        if (before !== undefined && before !== p.value) {
          return json(
            {
              error_code: "INVALID_PARAMETER_VALUE",
              message: `Changing param values is not allowed. Param with key='${p.key}' was already logged`,
            },
            400,
          );
        }
      }
      for (const p of body.params ?? []) r.params.set(p.key, p.value);
      r.metrics.push(...(body.metrics ?? []));
      for (const t of body.tags ?? []) r.tags.set(t.key, t.value);
      return undefined;
    }
    if (path.endsWith("/runs/update")) {
      const r = run(String(body.run_id));
      r.status = String(body.status);
      return undefined;
    }
    return undefined;
  };
  const handler = async (url: string, init: RequestInit): Promise<Response> => {
    const u = new URL(url);
    if (u.pathname.endsWith("/metrics/get-history-bulk-interval")) {
      const runId = u.searchParams.get("run_ids") ?? "";
      const key = u.searchParams.get("metric_key");
      const start = Number(u.searchParams.get("start_step"));
      const end = Number(u.searchParams.get("end_step"));
      const metrics = (runs.get(runId)?.metrics ?? [])
        .filter((m) => m.key === key && m.step >= start && m.step <= end)
        .map((m) => ({ ...m, run_id: runId }));
      return json({ metrics });
    }
    const body = JSON.parse(String(init.body ?? "{}")) as LogBatchBody & Record<string, unknown>;
    const verdict = fail(u.pathname, body);
    if (typeof verdict === "object" && "network" in verdict) throw networkError(verdict.network);
    if (verdict !== "ok") {
      if (verdict.applied) apply(u.pathname, body);
      return json({ error_code: verdict.errorCode, message: verdict.message ?? verdict.errorCode }, verdict.status);
    }
    const refused = apply(u.pathname, body);
    if (refused) return refused;
    order.push({ path: u.pathname, runId: String(body.run_id), body });
    if (u.pathname.endsWith("/runs/update")) {
      return json({
        run_info: {
          run_id: body.run_id,
          run_uuid: body.run_id,
          experiment_id: "0",
          status: body.status,
          lifecycle_stage: "active",
        },
      });
    }
    return json({});
  };
  const scripted = scriptedFetch(handler);
  return { fetch: scripted.fetch, calls: scripted.calls as RecordedCall[], runs, order, run };
}

/** Every (key, step) of a run's received points, counted: exactly-once means each count is 1. */
export function countPoints(run: RecordedRun | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of run?.metrics ?? []) {
    const id = `${m.key}@${m.step}`;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
