/**
 * The runs table's server side against a real MLflow: OR and parentheses compiled into several MLflow
 * searches and merged in MLflow's own order, runs projected down to the asked columns, min and max
 * from metric history, and MLflow accepting every filter form the compiler emits.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowClient, collect } from "mltrack-sdk/mlflow";
import { compileRunFilter, type RunColumn, type RunRow } from "@/features/runs";
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

describe("runs search for the runs table", () => {
  beforeAll(seed);
  afterAll(() => mlflow.experiments.delete({ experimentId }));

  it("compiles OR into several MLflow searches and merges them in MLflow's own order", async () => {
    const lossAsc = [{ column: { type: "metric" as const, key: "loss" }, descending: false }];
    const merged = await searchRuns(mlflow, {
      experimentIds: [experimentId],
      filter: 'params.model = "a" OR params.model = "b"',
      columns: [name],
      orderBy: lossAsc,
    });
    expect(merged.searches).toBe(2);
    // MLflow's order for the same runs, from one search with no filter: values, then NaN, then missing.
    const all = await collect(mlflow.runs.searchAll({ experimentIds: [experimentId], orderBy: ["metrics.loss ASC"] }));
    const expected = all.filter((run) => ["a", "b"].includes(run.data.params.model ?? "")).map((r) => r.info.runName);
    expect(names(merged.runs)).toEqual(expected);
    expect(names(merged.runs)).toEqual(["a-1", "a-2", "b-1", "b-nan", "b-none"]);

    const descending = await searchRuns(mlflow, {
      experimentIds: [experimentId],
      filter: 'params.model = "b" OR params.model = "c"',
      columns: [name],
      orderBy: [{ column: { type: "metric", key: "loss" }, descending: true }],
    });
    const allDesc = await collect(
      mlflow.runs.searchAll({ experimentIds: [experimentId], orderBy: ["metrics.loss DESC"] }),
    );
    expect(names(descending.runs)).toEqual(
      allDesc.filter((run) => ["b", "c"].includes(run.data.params.model ?? "")).map((r) => r.info.runName),
    );
  });

  it("distributes AND over parenthesised ORs", async () => {
    const result = await searchRuns(mlflow, {
      experimentIds: [experimentId],
      filter: '(params.model = "a" OR params.model = "c") AND metrics.loss < 0.25',
      columns: [name],
      orderBy: [{ column: { type: "attribute", key: "runName" }, descending: false }],
    });
    expect(result.searches).toBe(2);
    expect(names(result.runs)).toEqual(["a-1", "c-1", "c-2"]);
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
      const result = await searchRuns(mlflow, {
        experimentIds: [experimentId],
        filter,
        columns: [name],
        orderBy: [{ column: { type: "attribute", key: "runName" }, descending: false }],
      });
      expect(names(result.runs), filter).toEqual(expected);
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
    const result = await searchRuns(mlflow, {
      experimentIds: [experimentId],
      columns,
      orderBy: [{ column: { type: "attribute", key: "runName" }, descending: false }],
    });
    const byName = new Map(result.runs.map((row) => [row.cells[0], row.cells]));
    expect(byName.get("a-2")).toEqual(["a-2", "a", 0.3, 0.1, 5.0, 500, null]);
    expect(byName.get("b-nan")).toEqual(["b-nan", "b", { nonFinite: "NaN" }, 0.5, 0.5, 500, null]);
    expect(byName.get("b-none")).toEqual(["b-none", "b", null, null, null, 500, null]);
    expect(byName.get("c-1")).toEqual(["c-1", "c", 0.05, 0.05, 0.05, 500, "vision"]);
    expect(result.runs[0]).toEqual({
      runId: runIds.get("a-1"),
      experimentId,
      status: "FINISHED",
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

  it("says when more runs match than the view loads", async () => {
    const result = await searchRuns(mlflow, { experimentIds: [experimentId], columns: [name], maxResults: 3 });
    expect(result.runs).toHaveLength(3);
    expect(result.truncated).toBe(true);
    const all = await searchRuns(mlflow, { experimentIds: [experimentId], columns: [name], maxResults: 7 });
    expect(all.truncated).toBe(false);
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
  });
});
