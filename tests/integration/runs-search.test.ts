/**
 * The runs table's server side against a real MLflow: OR and parentheses compiled into several MLflow
 * searches, merged and paged with a keyset in MLflow's default order, runs projected down to the asked
 * columns, min and max from metric history, the browser's sort agreeing with MLflow's `order_by`, live
 * refreshes, the CSV export and saved views, and MLflow accepting every filter form the compiler emits.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowClient, collect } from "mltrack-sdk/mlflow";
import { compileRunFilter, sortRows, type RunColumn, type RunRow, type RunSearchRequest } from "@/features/runs";
import { searchRuns } from "@/features/runs/server";

const mlflow = new MlflowClient({ trackingUri: inject("mlflowUrl"), auth: null });
const uiUrl = inject("uiUrl");

interface Seed {
  name: string;
  model: string;
  loss?: number[];
  tags?: Record<string, string>;
}

const SEEDS: Seed[] = [
  { name: "a-1", model: "a", loss: [0.9, 0.4, 0.2] },
  { name: "a-2", model: "a", loss: [0.8, 5.0, 0.1, 0.3] },
  { name: "b-1", model: "b", loss: [0.7, 0.6] },
  { name: "b-nan", model: "b", loss: [0.5, Number.NaN] },
  { name: "b-none", model: "b" },
  { name: "c-1", model: "c", loss: [0.05], tags: { "team.name": "vision" } },
  { name: "c-2", model: "c", loss: [0.2], tags: { "team.name": "nlp" } },
];

let experimentId: string;
const runIds = new Map<string, string>();

async function seed(): Promise<void> {
  experimentId = await mlflow.experiments.create({ name: `runs-search-${randomUUID().slice(0, 8)}` });
  let t = Date.UTC(2026, 0, 1);
  for (const s of SEEDS) {
    // Distinct start times, so MLflow's start_time tie-break is deterministic.
    t += 1000;
    const run = await mlflow.runs.create({ experimentId, runName: s.name, startTime: t, tags: s.tags ?? {} });
    await mlflow.runs.logBatch({
      runId: run.info.runId,
      params: { model: s.model, secret_note: `do-not-ship-${s.name}` },
      metrics: (s.loss ?? []).map((value, step) => ({ key: "loss", value, step, timestamp: t + step })),
    });
    await mlflow.runs.update({ runId: run.info.runId, status: "FINISHED", endTime: t + 500 });
    runIds.set(s.name, run.info.runId);
  }
}

const name: RunColumn = { type: "attribute", key: "runName" };
const names = (rows: RunRow[]) => rows.map((row) => row.cells[0]);

/** Every page of a search, walked with its keyset cursors. */
async function allPages(request: RunSearchRequest): Promise<{ rows: RunRow[]; pages: number }> {
  const rows: RunRow[] = [];
  let pages = 0;
  let after: RunSearchRequest["after"];
  do {
    const page = await searchRuns(mlflow, { ...request, ...(after ? { after } : {}) });
    rows.push(...page.runs);
    pages++;
    after = page.nextCursor ?? undefined;
  } while (after);
  return { rows, pages };
}

describe("runs search for the runs table", () => {
  beforeAll(seed);
  afterAll(() => mlflow.experiments.delete({ experimentId }));

  it("pages OR-merged searches with a keyset: each matching run once, in MLflow's default order", async () => {
    const expected = (await collect(mlflow.runs.searchAll({ experimentIds: [experimentId] })))
      .filter((run) => ["a", "b"].includes(run.data.params.model ?? ""))
      .map((run) => run.info.runName);
    expect(expected).toEqual(["b-none", "b-nan", "b-1", "a-2", "a-1"]);
    for (const pageSize of [1, 2, 3, 100]) {
      const { rows, pages } = await allPages({
        experimentIds: [experimentId],
        filter: 'params.model = "a" OR params.model = "b"',
        columns: [name],
        pageSize,
      });
      expect(names(rows), `page size ${pageSize}`).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(expected.length / pageSize)));
    }
  });

  it("neither skips nor repeats runs that share a start time across page boundaries", async () => {
    const tied = await mlflow.experiments.create({ name: `runs-search-tied-${randomUUID().slice(0, 8)}` });
    try {
      const startTime = Date.UTC(2026, 1, 1);
      const created: string[] = [];
      for (let i = 0; i < 7; i++) {
        const run = await mlflow.runs.create({
          experimentId: tied,
          runName: `t-${i}`,
          startTime: i < 5 ? startTime : startTime - i,
        });
        created.push(run.info.runId);
      }
      const { rows } = await allPages({ experimentIds: [tied], columns: [name], pageSize: 2 });
      const direct = await collect(mlflow.runs.searchAll({ experimentIds: [tied] }));
      expect(rows.map((r) => r.runId)).toEqual(direct.map((r) => r.info.runId));
      expect(new Set(rows.map((r) => r.runId))).toEqual(new Set(created));
    } finally {
      await mlflow.experiments.delete({ experimentId: tied });
    }
  });

  it("sorts projected rows in the browser exactly as MLflow's order_by does", async () => {
    const loss: RunColumn = { type: "metric", key: "loss", aggregate: "last" };
    const { rows } = await allPages({ experimentIds: [experimentId], columns: [name, loss] });
    for (const descending of [false, true]) {
      const byMlflow = await collect(
        mlflow.runs.searchAll({
          experimentIds: [experimentId],
          orderBy: [`metrics.loss ${descending ? "DESC" : "ASC"}`],
        }),
      );
      expect(names(sortRows(rows, [name, loss], [{ column: loss, descending }]))).toEqual(
        byMlflow.map((run) => run.info.runName),
      );
    }
  });

  it("distributes AND over parenthesised ORs", async () => {
    const result = await searchRuns(mlflow, {
      experimentIds: [experimentId],
      filter: '(params.model = "a" OR params.model = "c") AND metrics.loss < 0.25',
      columns: [name],
    });
    expect(result.searches).toBe(2);
    expect(names(result.runs)).toEqual(["c-2", "c-1", "a-1"]);
  });

  it("sends quoted keys, both quote styles and IN lists in forms MLflow accepts", async () => {
    const cases: [string, string[]][] = [
      ['tags.`team.name` = "vision"', ["c-1"]],
      ["tags.\"team.name\" LIKE 'n%'", ["c-2"]],
      ['attributes.`run_name` ILIKE "A-%"', ["a-1", "a-2"]],
      [`attributes.run_id IN ("${runIds.get("b-1")}", "${runIds.get("c-2")}")`, ["b-1", "c-2"]],
      ['run_name = "b-nan" OR attributes.status = "RUNNING"', ["b-nan"]],
      ["metrics.loss >= 5e-2 AND metrics.loss <= .2", ["a-1", "c-1", "c-2"]],
    ];
    for (const [filter, expected] of cases) {
      const compiled = compileRunFilter(filter);
      expect(compiled.ok, filter).toBe(true);
      const result = await searchRuns(mlflow, { experimentIds: [experimentId], filter, columns: [name] });
      expect((names(result.runs) as string[]).sort(), filter).toEqual(expected);
    }
  });

  it("projects each run down to the asked columns, with min and max from the metric's history", async () => {
    const columns: RunColumn[] = [
      name,
      { type: "param", key: "model" },
      { type: "metric", key: "loss", aggregate: "last" },
      { type: "metric", key: "loss", aggregate: "min" },
      { type: "metric", key: "loss", aggregate: "max" },
      { type: "attribute", key: "duration" },
      { type: "tag", key: "team.name" },
    ];
    const result = await searchRuns(mlflow, { experimentIds: [experimentId], columns });
    const byName = new Map(result.runs.map((row) => [row.cells[0], row.cells]));
    expect(byName.get("a-2")).toEqual(["a-2", "a", 0.3, 0.1, 5.0, 500, null]);
    expect(byName.get("b-nan")).toEqual(["b-nan", "b", { nonFinite: "NaN" }, 0.5, 0.5, 500, null]);
    expect(byName.get("b-none")).toEqual(["b-none", "b", null, null, null, 500, null]);
    expect(byName.get("c-1")).toEqual(["c-1", "c", 0.05, 0.05, 0.05, 500, "vision"]);
    expect(result.runs.at(-1)).toEqual({
      runId: runIds.get("a-1"),
      experimentId,
      status: "FINISHED",
      startTime: Date.UTC(2026, 0, 1) + 1000,
      parentRunId: null,
      cells: expect.any(Array),
    });
    // The column picker's offer: every key of the loaded runs.
    expect(result.keys.params).toEqual(["model", "secret_note"]);
    expect(result.keys.metrics).toEqual(["loss"]);
    expect(result.keys.tags).toEqual(expect.arrayContaining(["mlflow.runName", "team.name"]));
    // Nothing but the asked columns travels: the unasked param's values are absent from the whole payload.
    expect(JSON.stringify(result)).not.toContain("do-not-ship");
  });

  it("says where the next page starts, and that there is none after the last", async () => {
    const first = await searchRuns(mlflow, { experimentIds: [experimentId], columns: [name], pageSize: 3 });
    expect(names(first.runs)).toEqual(["c-2", "c-1", "b-none"]);
    expect(first.nextCursor).toEqual({ startTime: Date.UTC(2026, 0, 1) + 5000, runIds: [runIds.get("b-none")] });
    const all = await searchRuns(mlflow, { experimentIds: [experimentId], columns: [name], pageSize: 7 });
    expect(all.nextCursor).toBeNull();
  });

  it("refreshes live: unfinished runs as they are now, and runs started since, within the filter", async () => {
    const live = await mlflow.experiments.create({ name: `runs-search-live-${randomUUID().slice(0, 8)}` });
    try {
      const t = Date.UTC(2026, 2, 1);
      const running = await mlflow.runs.create({ experimentId: live, runName: "going", startTime: t });
      await mlflow.runs.logBatch({ runId: running.info.runId, params: { model: "a" } });
      const columns: RunColumn[] = [name, { type: "attribute", key: "status" }];
      const request = { experimentIds: [live], filter: 'params.model = "a"', columns };
      const before = await searchRuns(mlflow, request);
      expect(before.runs.map((r) => r.status)).toEqual(["RUNNING"]);

      await mlflow.runs.update({ runId: running.info.runId, status: "FINISHED", endTime: t + 10 });
      const fresh = await mlflow.runs.create({ experimentId: live, runName: "new", startTime: t + 20 });
      await mlflow.runs.logBatch({ runId: fresh.info.runId, params: { model: "a" } });
      const other = await mlflow.runs.create({ experimentId: live, runName: "other", startTime: t + 30 });
      await mlflow.runs.logBatch({ runId: other.info.runId, params: { model: "b" } });

      const refresh = await searchRuns(mlflow, {
        ...request,
        live: { runIds: [running.info.runId], startedAfter: t },
      });
      expect(refresh.runs.map((r) => [r.cells[0], r.status])).toEqual([
        ["new", "RUNNING"],
        ["going", "FINISHED"],
      ]);
      expect(refresh.nextCursor).toBeNull();
      expect(refresh.overflow).toBe(false);
      const crowded = await searchRuns(mlflow, {
        ...request,
        filter: "",
        pageSize: 1,
        live: { runIds: [], startedAfter: t },
      });
      expect(crowded.overflow).toBe(true);
    } finally {
      await mlflow.experiments.delete({ experimentId: live });
    }
  });

  it("serves POST /api/runs/search, and answers a bad filter with 400 naming its position", async () => {
    const post = (body: unknown) =>
      fetch(`${uiUrl}/api/runs/search`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const ok = await post({ experimentIds: [experimentId], filter: 'params.model = "c"', columns: [name] });
    expect(ok.status).toBe(200);
    expect(names(((await ok.json()) as { runs: RunRow[] }).runs).sort()).toEqual(["c-1", "c-2"]);

    const filter = 'params.model = "c" AND (metrics.loss > 1';
    const compiled = compileRunFilter(filter);
    if (compiled.ok) throw new Error("the unbalanced parenthesis should not compile");
    expect(filter.slice(compiled.error.offset, compiled.error.offset + compiled.error.length)).toBe("(");
    const bad = await post({ experimentIds: [experimentId], filter });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        code: "INVALID_PARAMETER_VALUE",
        message: `Invalid filter at character ${compiled.error.offset + 1}: ${compiled.error.message}`,
      },
    });

    const wrongShape = await post({ experimentIds: ["abc"], columns: [{ type: "param" }] });
    expect(wrongShape.status).toBe(400);
    const injected = await post({ experimentIds: [experimentId], after: { startTime: 1, runIds: ["x') OR ('1"] } });
    expect(injected.status).toBe(400);
  });

  it("exports every matching run as CSV, in the view's order and columns", async () => {
    const res = await fetch(
      `${uiUrl}/api/experiments/${experimentId}/runs.csv?col=param:model&col=metric:min:loss&order=asc:metric:min:loss&q=${encodeURIComponent('params.model != "c"')}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("run_id,Run name,Status,Started,Duration,User,Source,Git commit,model,loss (min)");
    expect(lines.slice(1).map((line) => line.split(",")[1])).toEqual(["a-2", "a-1", "b-nan", "b-1", "b-none"]);
    expect(lines.join("\n")).not.toContain("do-not-ship");
    const bad = await fetch(
      `${uiUrl}/api/experiments/${experimentId}/runs.csv?q=${encodeURIComponent("metrics.loss <")}`,
    );
    expect(bad.status).toBe(400);
  });

  it("saves, lists and deletes named views in the experiment's tags", async () => {
    const url = `${uiUrl}/api/experiments/${experimentId}/views`;
    const send = (method: string, body?: unknown, query = "") =>
      fetch(`${url}${query}`, {
        method,
        headers: { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const saved = await send("PUT", {
      name: "best a",
      search: "order=asc:metric:loss&q=params.model+%3D+%22a%22&bogus=1",
    });
    expect(saved.status).toBe(200);
    const experiment = await mlflow.experiments.get({ experimentId });
    expect(JSON.parse(experiment.tags["mltrack.view.best a"] ?? "{}")).toMatchObject({
      search: "q=params.model+%3D+%22a%22&col=metric%3Alast%3Aloss&order=asc%3Ametric%3Alast%3Aloss",
    });
    const list = (await (await fetch(url)).json()) as { views: { name: string; search: string }[] };
    expect(list.views.map((v) => v.name)).toEqual(["best a"]);
    expect((await send("PUT", { name: "../etc", search: "" })).status).toBe(400);
    expect((await send("DELETE", undefined, "?name=best%20a")).status).toBe(204);
    expect((await mlflow.experiments.get({ experimentId })).tags["mltrack.view.best a"]).toBeUndefined();
  });
});
