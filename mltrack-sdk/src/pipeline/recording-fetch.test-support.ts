/**
 * For the pipeline's unit tests: a scripted `fetch` (see testing/scripted-fetch.ts) whose answers to
 * `runs/log-batch` and `runs/update` are recorded per run, so tests can count every point that
 * arrived. It keeps duplicates (as a store without MLflow's primary key would), so exactly-once is
 * checked against the pipeline alone. `fail` decides per request whether to answer with an error.
 * For pending runs it also answers experiments/get-by-name and create, runs/search (by client run id),
 * runs/create, runs/get and artifact uploads (`created` lists the runs made, `uploads` the artifacts).
 */
import { json, networkError, scriptedFetch, type RecordedCall } from "../testing/scripted-fetch";

export interface ReceivedMetric {
  key: string;
  value: number | string;
  timestamp: number;
  step: number;
}

export interface RecordedRun {
  runId?: string;
  experimentId?: string;
  runName?: string;
  startTime?: number;
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
  /** How long an answer takes to come back, by path (default: no wait). */
  latencyMs: (path: string) => number = () => 0,
) {
  const runs = new Map<string, RecordedRun>();
  const experiments = new Map<string, { id: string; deleted: boolean }>([["Default", { id: "0", deleted: false }]]);
  const created: RecordedRun[] = [];
  const uploads = new Map<string, string>();
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
  /** The answer reflects MLflow when the request arrived; it reaches the client `latencyMs` later. */
  const handler = async (url: string, init: RequestInit): Promise<Response> => {
    const response = await answer(url, init);
    const wait = latencyMs(new URL(url).pathname);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return response;
  };
  const answer = async (url: string, init: RequestInit): Promise<Response> => {
    const u = new URL(url);
    const managed = await pendingRunRequests(u, init);
    if (managed) return managed;
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
  const wireRun = (r: RecordedRun) => ({
    info: {
      run_id: r.runId,
      run_name: r.runName ?? "generated",
      experiment_id: r.experimentId,
      status: r.status ?? "RUNNING",
      start_time: r.startTime,
      artifact_uri: `mlflow-artifacts:/${r.experimentId}/${r.runId}/artifacts`,
      lifecycle_stage: "active",
    },
    data: { tags: [...r.tags].map(([key, value]) => ({ key, value })) },
  });
  async function pendingRunRequests(u: URL, init: RequestInit): Promise<Response | undefined> {
    const path = u.pathname.replace(/^\/api\/2\.0\/mlflow\//, "");
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const isArtifact = u.pathname.includes("/mlflow-artifacts/");
    if (
      ["runs/create", "runs/search", "runs/get", "experiments/create"].includes(path) ||
      path.startsWith("experiments/get") ||
      isArtifact
    ) {
      const verdict = fail(u.pathname, body as LogBatchBody & Record<string, unknown>);
      if (typeof verdict === "object" && "network" in verdict) throw networkError(verdict.network);
      if (verdict !== "ok")
        return json({ error_code: verdict.errorCode, message: verdict.message ?? "" }, verdict.status);
    }
    if (path === "experiments/get-by-name") {
      const name = u.searchParams.get("experiment_name") ?? "";
      const e = experiments.get(name);
      if (!e) return json({ error_code: "RESOURCE_DOES_NOT_EXIST", message: `No experiment ${name}` }, 404);
      return json({ experiment: { experiment_id: e.id, name, lifecycle_stage: e.deleted ? "deleted" : "active" } });
    }
    if (path === "experiments/create") {
      if (experiments.has(String(body.name))) {
        return json({ error_code: "RESOURCE_ALREADY_EXISTS", message: `Experiment ${String(body.name)} exists` }, 400);
      }
      const id = String(100 + experiments.size);
      experiments.set(String(body.name), { id, deleted: false });
      return json({ experiment_id: id });
    }
    if (path === "runs/create") {
      const runId = `r${created.length + 1}`.padEnd(32, "0");
      const r = run(runId);
      Object.assign(r, {
        runId,
        experimentId: String(body.experiment_id),
        runName: body.run_name as string | undefined,
        startTime: body.start_time as number | undefined,
      });
      for (const t of (body.tags as { key: string; value: string }[] | undefined) ?? []) r.tags.set(t.key, t.value);
      created.push(r);
      return json({ run: wireRun(r) });
    }
    if (path === "runs/search") {
      const match = /^tags\.`mltrack\.client_run_id` = '([0-9a-f-]+)'$/.exec(String(body.filter ?? ""));
      const ids = (body.experiment_ids as string[] | undefined) ?? [];
      const found = created.filter(
        (r) => match && ids.includes(r.experimentId!) && r.tags.get("mltrack.client_run_id") === match[1],
      );
      return json(found.length ? { runs: found.map(wireRun) } : {});
    }
    if (path === "runs/get") {
      const r = created.find((c) => c.runId === u.searchParams.get("run_id"));
      return r ? json({ run: wireRun(r) }) : json({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "no run" }, 404);
    }
    const artifact = /^\/api\/2\.0\/mlflow-artifacts\/artifacts\/(.+)$/.exec(u.pathname);
    if (artifact && init.method === "PUT") {
      uploads.set(decodeURIComponent(artifact[1]!), await new Response(init.body).text());
      return new Response(null, { status: 200 });
    }
    return undefined;
  }
  /** A run as an earlier process made it (found by its client run id). */
  const madeEarlier = (experimentId: string, clientRunId: string): RecordedRun => {
    const runId = `early${created.length + 1}`.padEnd(32, "0");
    const r = run(runId);
    Object.assign(r, { runId, experimentId });
    r.tags.set("mltrack.client_run_id", clientRunId);
    created.push(r);
    return r;
  };
  const scripted = scriptedFetch(handler);
  return {
    fetch: scripted.fetch,
    calls: scripted.calls as RecordedCall[],
    runs,
    order,
    run,
    experiments,
    created,
    uploads,
    madeEarlier,
  };
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
