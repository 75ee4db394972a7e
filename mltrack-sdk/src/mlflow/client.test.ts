import { describe, expect, it } from "vitest";
import { json, scriptedFetch } from "../testing/scripted-fetch";
import { MlflowClient, fillPath, proxyPathOf, toQuery } from "./client";
import { MlflowBadRequestError } from "./errors";
import { collect } from "./paginate";

function client(fetchImpl: typeof fetch) {
  return new MlflowClient({ trackingUri: "http://mlflow.test/prefix/", auth: null, fetch: fetchImpl, maxRetries: 0 });
}

describe("wire to domain", () => {
  it("reads proto-JSON: NaN and Infinity strings, int64 as strings, absent fields", async () => {
    const { fetch } = scriptedFetch(
      json({
        run: {
          info: { run_id: "r1", experiment_id: "3", status: "FINISHED", start_time: "1795371758743" },
          data: {
            metrics: [
              { key: "nan", value: "NaN", timestamp: 1, step: 0 },
              { key: "inf", value: "Infinity", timestamp: 1 },
              { key: "loss", value: 0.5, timestamp: 10, step: 2 },
              { key: "loss", value: 0.9, timestamp: 20, step: 1 },
            ],
            params: [{ key: "lr", value: "0.1" }, { key: "empty" }],
            tags: [{ key: "mlflow.runName", value: "r" }],
          },
        },
      }),
    );
    const run = await client(fetch).runs.get({ runId: "r1" });
    expect(run.info).toEqual({
      runId: "r1",
      runName: "",
      experimentId: "3",
      userId: "",
      status: "FINISHED",
      startTime: 1795371758743,
      endTime: null,
      artifactUri: "",
      lifecycleStage: "active",
    });
    expect(run.data.metrics.nan?.value).toBeNaN();
    expect(run.data.metrics.inf).toEqual({ key: "inf", value: Infinity, timestamp: 1, step: 0 });
    // The latest value is the largest (step, timestamp, value), as MLflow defines it.
    expect(run.data.metrics.loss).toEqual({ key: "loss", value: 0.5, timestamp: 10, step: 2 });
    expect(run.data.params).toEqual({ lr: "0.1", empty: "" });
    expect(run.inputs).toEqual({ datasets: [], modelIds: [] });
  });

  it("returns pages with the token only while there is a next page", async () => {
    const { fetch } = scriptedFetch(
      json({ experiments: [{ experiment_id: "1", name: "a" }], next_page_token: "t2" }),
      json({}),
    );
    const c = client(fetch);
    const first = await c.experiments.search({});
    expect(first.nextPageToken).toBe("t2");
    expect(first.items[0]).toMatchObject({ experimentId: "1", name: "a", tags: {}, creationTime: null });
    expect(await c.experiments.search({ pageToken: "t2" })).toEqual({ items: [] });
  });
});

describe("requests", () => {
  it("sends POST bodies in MLflow's snake_case, NaN as proto-JSON, with defaults applied", async () => {
    const { fetch, calls } = scriptedFetch(json({}));
    await client(fetch).runs.logBatch({
      runId: "r1",
      metrics: [
        { key: "loss", value: Number.NaN, timestamp: 5 },
        { key: "acc", value: -Infinity, timestamp: 5, step: 3 },
      ],
      params: { lr: "0.1" },
    });
    expect(calls[0]?.url).toBe("http://mlflow.test/prefix/api/2.0/mlflow/runs/log-batch");
    expect(calls[0]?.method).toBe("POST");
    expect(calls[0]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(calls[0]?.body ?? "")).toEqual({
      run_id: "r1",
      metrics: [
        { key: "loss", value: "NaN", timestamp: 5, step: 0 },
        { key: "acc", value: "-Infinity", timestamp: 5, step: 3 },
      ],
      params: [{ key: "lr", value: "0.1" }],
      tags: [],
    });
  });

  it("sends GET parameters as a query, repeating keys for lists", async () => {
    const { fetch, calls } = scriptedFetch(json({ metrics: [] }));
    await client(fetch).metrics.getHistoryBulkInterval({ runIds: ["a", "b"], metricKey: "loss", maxResults: 320 });
    expect(calls[0]?.url).toBe(
      "http://mlflow.test/prefix/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=a&run_ids=b&metric_key=loss&max_results=320",
    );
    expect(calls[0]?.body).toBeUndefined();
  });

  it("fills path parameters, encoded", async () => {
    const { fetch, calls } = scriptedFetch(json({}));
    await client(fetch).loggedModels.deleteTag({ modelId: "m-1", key: "a b/c" });
    expect(calls[0]?.url).toBe("http://mlflow.test/prefix/api/2.0/mlflow/logged-models/m-1/tags/a%20b%2Fc");
    expect(calls[0]?.method).toBe("DELETE");
    expect(JSON.parse(calls[0]?.body ?? "")).toEqual({ model_id: "m-1", tag_key: "a b/c" });
  });

  it("defaults experiments/search max_results, which MLflow reads as 0 when absent", async () => {
    const { fetch, calls } = scriptedFetch(json({}));
    await client(fetch).experiments.search({});
    expect(JSON.parse(calls[0]?.body ?? "")).toEqual({ max_results: 1000 });
  });

  it("refuses bad input before any request, naming the field", async () => {
    const { fetch, calls } = scriptedFetch(json({}));
    const c = client(fetch);
    const cases: [Promise<unknown>, RegExp][] = [
      [c.runs.logParam({ runId: "r1", key: "../escape", value: "1" }), /key: Names may be treated as files/],
      [c.runs.logParam({ runId: "r1", key: "a;b", value: "1" }), /key: Names may only contain/],
      [c.runs.logParam({ runId: "r1", key: "k", value: "x".repeat(6001) }), /value: Too big/],
      [c.runs.setTag({ runId: "bad id!", key: "k", value: "v" }), /runId: Invalid run ID/],
      [
        c.runs.logBatch({
          runId: "r1",
          metrics: Array.from({ length: 1001 }, (_, i) => ({ key: "m", value: i, timestamp: i })),
        }),
        /metrics: Too big/,
      ],
      [
        c.runs.logBatch({
          runId: "r1",
          params: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, "1"])),
        }),
        /At most 100 params/,
      ],
      [c.registeredModels.setAlias({ name: "m", alias: "latest", version: "1" }), /reserved aliases/],
      [c.registeredModels.create({ name: "a/b" }), /cannot contain/],
      [
        c.metrics.getHistoryBulkInterval({ runIds: ["a"], metricKey: "k", startStep: 0 }),
        /startStep and endStep go together/,
      ],
    ];
    for (const [promise, message] of cases) {
      const error = await promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MlflowBadRequestError);
      expect(error).toMatchObject({ errorCode: "INVALID_PARAMETER_VALUE", httpStatus: 400 });
      expect((error as Error).message).toMatch(message);
    }
    expect(calls).toHaveLength(0);
  });

  it("accepts MLflow's own key alphabet, Unicode letters and colons included", async () => {
    const { fetch, calls } = scriptedFetch(json({}));
    await client(fetch).runs.logParam({ runId: "r1", key: "train/lr: é 1.0-x_y", value: "1" });
    expect(calls).toHaveLength(1);
  });
});

describe("pagination", () => {
  it("walks page_token across pages", async () => {
    const { fetch, calls } = scriptedFetch(
      json({ runs: [{ info: { run_id: "a" } }], next_page_token: "p2" }),
      json({ runs: [{ info: { run_id: "b" } }, { info: { run_id: "c" } }], next_page_token: "p3" }),
      json({ runs: [{ info: { run_id: "d" } }] }),
    );
    const runs = await collect(client(fetch).runs.searchAll({ experimentIds: ["1"], maxResults: 2 }));
    expect(runs.map((r) => r.info.runId)).toEqual(["a", "b", "c", "d"]);
    expect(calls.map((call) => JSON.parse(call.body ?? "").page_token)).toEqual([undefined, "p2", "p3"]);
  });

  it("stops on a repeated token instead of looping forever", async () => {
    const { fetch, calls } = scriptedFetch(json({ experiments: [{ experiment_id: "1" }], next_page_token: "same" }));
    const all = await collect(client(fetch).experiments.searchAll({}));
    expect(all).toHaveLength(2);
    expect(calls).toHaveLength(2);
  });

  it("collect stops early at a limit", async () => {
    const { fetch, calls } = scriptedFetch(
      json({ experiments: [{ experiment_id: "1" }, { experiment_id: "2" }], next_page_token: "x" }),
    );
    expect(await collect(client(fetch).experiments.searchAll({}), 1)).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });
});

describe("raw helpers", () => {
  it("downloads through /get-artifact and refuses traversal before sending", async () => {
    const { fetch, calls } = scriptedFetch(new Response("bytes"));
    const c = client(fetch);
    const res = await c.downloadArtifact({ runId: "r1", path: "dir/a b.txt" });
    expect(await res.text()).toBe("bytes");
    expect(calls[0]?.url).toBe("http://mlflow.test/prefix/get-artifact?run_uuid=r1&path=dir%2Fa+b.txt");
    await expect(c.downloadArtifact({ runId: "r1", path: "%2e%2e/secret" })).rejects.toThrow(/'\.\.' segment/);
    expect(calls).toHaveLength(1);
  });

  it("uploads under a run's mlflow-artifacts URI through the artifact proxy", async () => {
    const { fetch, calls } = scriptedFetch(new Response("{}", { status: 200 }));
    await client(fetch).uploadArtifact({
      artifactUri: "mlflow-artifacts:/3/abc/artifacts",
      path: "plots/a b.png",
      body: "x",
    });
    expect(calls[0]).toMatchObject({
      url: "http://mlflow.test/prefix/api/2.0/mlflow-artifacts/artifacts/3/abc/artifacts/plots/a%20b.png",
      method: "PUT",
    });
    expect(calls[0]?.headers["content-type"]).toBe("application/octet-stream");
  });

  it("maps artifact URIs to proxy paths and refuses stores it cannot reach", () => {
    expect(proxyPathOf("mlflow-artifacts:/1/r/artifacts")).toBe("1/r/artifacts");
    expect(proxyPathOf("mlflow-artifacts://host:5000/1/r/artifacts/")).toBe("1/r/artifacts");
    expect(() => proxyPathOf("s3://bucket/1/r/artifacts")).toThrow(/--serve-artifacts/);
  });

  it("encodes templates and queries", () => {
    const params: Record<string, unknown> = { artifact_path: "a/b c/d", other: 1 };
    expect(fillPath("/x/{artifact_path+}", params)).toBe("/x/a/b%20c/d");
    expect(toQuery({ a: ["1", "2"], b: true, c: undefined, d: 3 }).toString()).toBe("a=1&a=2&b=true&d=3");
  });
});

describe("redaction", () => {
  it("never shows credentials when the client is logged or serialized", async () => {
    const c = new MlflowClient({ trackingUri: "http://u:hunter2@mlflow.test", fetch: scriptedFetch(json({})).fetch });
    const { inspect } = await import("node:util");
    expect(JSON.stringify(c)).not.toContain("hunter2");
    expect(inspect(c)).not.toContain("hunter2");
    expect(JSON.stringify(c)).toContain("basic (u:***)");
  });
});
