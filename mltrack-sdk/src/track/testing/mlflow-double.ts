/**
 * An injected `fetch` for unit tests of `track()`: it answers the few requests track() makes itself
 * (experiment lookup and creation, runs/create, runs/search by client run id, artifact uploads) from
 * memory and records them. Integration tests run against a real MLflow instead.
 */
export interface CreatedRunRecord {
  runId: string;
  experimentId: string;
  runName: string | undefined;
  startTime: number | undefined;
  tags: Record<string, string>;
}

export interface MlflowDoubleOptions {
  /** Refuse the connection for the first N requests of any kind. */
  unreachableFor?: number;
  /** Answer the first N runs/create with a 503 after creating the run (a reply lost on the way back). */
  createRepliesLost?: number;
  /** Answer every request as if MLflow were down. */
  down?: boolean;
  /** Experiments (by name) that exist but are deleted. */
  deletedExperiments?: string[];
  /** Answer runs/create this many ms after creating the run (a slow MLflow). */
  createDelayMs?: number;
}

export function mlflowDouble(options: MlflowDoubleOptions = {}) {
  const experiments = new Map<string, string>([["Default", "0"]]);
  const runs: CreatedRunRecord[] = [];
  const uploads = new Map<string, { bytes: Uint8Array; contentType: string | null }>();
  const requests: { method: string; path: string }[] = [];
  let refused = options.unreachableFor ?? 0;
  let lostReplies = options.createRepliesLost ?? 0;
  let down = options.down ?? false;

  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const refuse = () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5001"), { code: "ECONNREFUSED" });
    return new TypeError("fetch failed", { cause });
  };

  const impl = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const method = init.method ?? "GET";
    requests.push({ method, path: url.pathname });
    if (down) throw refuse();
    if (refused > 0) {
      refused--;
      throw refuse();
    }
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const path = url.pathname.replace(/^\/api\/2\.0\/mlflow\//, "");
    if (path === "experiments/get-by-name") {
      const name = url.searchParams.get("experiment_name") ?? "";
      if (options.deletedExperiments?.includes(name)) {
        return json({ experiment: { experiment_id: "999", name, lifecycle_stage: "deleted" } });
      }
      const id = experiments.get(name);
      if (!id) return json({ error_code: "RESOURCE_DOES_NOT_EXIST", message: `No experiment ${name}` }, 404);
      return json({ experiment: { experiment_id: id, name, lifecycle_stage: "active" } });
    }
    if (path === "experiments/create") {
      const name = String(body.name);
      if (experiments.has(name)) return json({ error_code: "RESOURCE_ALREADY_EXISTS", message: "exists" }, 400);
      const id = String(100 + experiments.size);
      experiments.set(name, id);
      return json({ experiment_id: id });
    }
    if (path === "runs/create") {
      if (options.createDelayMs) await new Promise((resolve) => setTimeout(resolve, options.createDelayMs));
      const runId = `run${runs.length + 1}`.padEnd(32, "0");
      const tags = Object.fromEntries(
        ((body.tags as { key: string; value: string }[] | undefined) ?? []).map((t) => [t.key, t.value]),
      );
      const record: CreatedRunRecord = {
        runId,
        experimentId: String(body.experiment_id),
        runName: body.run_name as string | undefined,
        startTime: body.start_time as number | undefined,
        tags,
      };
      runs.push(record);
      if (lostReplies > 0) {
        lostReplies--;
        return json({ error_code: "TEMPORARILY_UNAVAILABLE", message: "reply lost" }, 503);
      }
      return json({ run: wireRun(record) });
    }
    if (path === "runs/search") {
      const match = /= '([^']+)'/.exec(String(body.filter ?? ""));
      const found = runs.filter((r) => match && Object.values(r.tags).includes(match[1]!));
      return json(found.length ? { runs: found.map(wireRun) } : {});
    }
    const artifact = /^\/api\/2\.0\/mlflow-artifacts\/artifacts\/(.+)$/.exec(url.pathname);
    if (artifact && method === "PUT") {
      const bytes = new Uint8Array(await new Response(init.body).arrayBuffer());
      uploads.set(decodeURIComponent(artifact[1]!), {
        bytes,
        contentType: new Headers(init.headers).get("content-type"),
      });
      return new Response(null, { status: 200 });
    }
    return json({ error_code: "ENDPOINT_NOT_FOUND", message: `${method} ${url.pathname}` }, 404);
  };

  return {
    fetch: impl as typeof fetch,
    runs,
    uploads,
    requests,
    experiments,
    /** From now on, answer every request as if MLflow were down. */
    goDown() {
      down = true;
    },
    /** An uploaded artifact of a run, as text. */
    artifactText(run: CreatedRunRecord, name: string): string | undefined {
      const upload = uploads.get(`${run.experimentId}/${run.runId}/artifacts/${name}`);
      return upload && new TextDecoder().decode(upload.bytes);
    },
  };
}

function wireRun(r: CreatedRunRecord) {
  return {
    info: {
      run_id: r.runId,
      run_name: r.runName ?? "generated-name",
      experiment_id: r.experimentId,
      status: "RUNNING",
      start_time: r.startTime,
      artifact_uri: `mlflow-artifacts:/${r.experimentId}/${r.runId}/artifacts`,
      lifecycle_stage: "active",
    },
    data: { tags: Object.entries(r.tags).map(([key, value]) => ({ key, value })) },
  };
}
