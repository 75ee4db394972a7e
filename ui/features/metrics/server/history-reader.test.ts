import { MlflowClient } from "mltrack-sdk/mlflow";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createHistoryReader, latestOf } from "./history-reader";
import { scriptedMlflow, points } from "./scripted-mlflow.test-helper";
import { toMetricColumns } from "@/features/compare/prepare";

describe("history reader", () => {
  it("walks every page of metrics/get-history, echoing the page token", async () => {
    const scripted = scriptedMlflow({ r1: { status: "FINISHED", histories: { loss: points(7, (s) => s / 10) } } });
    const reader = createHistoryReader({ pageSize: 3 });
    const columns = await reader.read(scripted.mlflow, { runId: "r1", key: "loss", status: "FINISHED" });

    expect(Array.from(columns.values)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    expect(Array.from(columns.steps)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(scripted.historyCalls).toEqual([
      { runId: "r1", key: "loss", maxResults: 3, pageToken: null },
      { runId: "r1", key: "loss", maxResults: 3, pageToken: "3" },
      { runId: "r1", key: "loss", maxResults: 3, pageToken: "6" },
    ]);
  });

  it("keeps NaN and infinities, reading MLflow's stored ±Number.MAX_VALUE back as ±Infinity", async () => {
    const values = [NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, 1e308];
    const scripted = scriptedMlflow({
      r1: { status: "FINISHED", histories: { loss: points(values.length, (s) => values[s]!) } },
    });
    const reader = createHistoryReader();
    const read = () =>
      reader.read(scripted.mlflow, {
        runId: "r1",
        key: "loss",
        status: "FINISHED",
        // The run summary holds the stored stand-in too; it still matches the cached history.
        latest: { step: 5, timestamp: 1_700_000_005_000, value: 1e308 },
      });
    expect(Array.from((await read()).values)).toEqual([NaN, Infinity, -Infinity, Infinity, -Infinity, 1e308]);
    await read();
    expect(scripted.historyCalls).toHaveLength(1);
  });

  it("has at most `concurrency` MLflow calls in flight, across all reads", async () => {
    const keys = ["a", "b", "c", "d", "e", "f"];
    const scripted = scriptedMlflow({
      r1: { status: "RUNNING", histories: Object.fromEntries(keys.map((key) => [key, points(5)])) },
    });
    const reader = createHistoryReader({ concurrency: 2, pageSize: 2 });
    const read = await Promise.all(
      keys.map((key) => reader.read(scripted.mlflow, { runId: "r1", key, status: "RUNNING" })),
    );

    expect(read.map((columns) => columns.values.length)).toEqual([5, 5, 5, 5, 5, 5]);
    expect(scripted.historyCalls).toHaveLength(6 * 3);
    expect(scripted.maxInFlight).toBe(2);
  });

  it("shares one MLflow read among concurrent reads of the same run and key", async () => {
    const scripted = scriptedMlflow({ r1: { status: "RUNNING", histories: { loss: points(4), acc: points(2) } } });
    const reader = createHistoryReader();
    const [a, b, c, other] = await Promise.all([
      reader.read(scripted.mlflow, { runId: "r1", key: "loss", status: "RUNNING" }),
      reader.read(scripted.mlflow, { runId: "r1", key: "loss", status: "RUNNING" }),
      reader.read(scripted.mlflow, { runId: "r1", key: "loss", status: "RUNNING" }),
      reader.read(scripted.mlflow, { runId: "r1", key: "acc", status: "RUNNING" }),
    ]);

    expect(scripted.historyCalls.map((call) => call.key)).toEqual(["loss", "acc"]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(other.values.length).toBe(2);
    // Once settled, the next read goes to MLflow again (the run is RUNNING: nothing was cached).
    await reader.read(scripted.mlflow, { runId: "r1", key: "loss", status: "RUNNING" });
    expect(scripted.historyCalls.map((call) => call.key)).toEqual(["loss", "acc", "loss"]);
  });

  it("caches finished, failed and killed runs' histories, and never a RUNNING run's", async () => {
    const scripted = scriptedMlflow({
      done: { status: "FINISHED", histories: { loss: points(3) } },
      failed: { status: "FAILED", histories: { loss: points(3) } },
      killed: { status: "KILLED", histories: { loss: points(3) } },
      live: { status: "RUNNING", histories: { loss: points(3) } },
      queued: { status: "SCHEDULED", histories: { loss: points(3) } },
    });
    const reader = createHistoryReader();
    const statuses = { done: "FINISHED", failed: "FAILED", killed: "KILLED", live: "RUNNING", queued: "SCHEDULED" };
    for (let round = 0; round < 2; round++) {
      for (const [runId, status] of Object.entries(statuses)) {
        await reader.read(scripted.mlflow, { runId, key: "loss", status: status as "FINISHED" });
      }
    }
    expect(scripted.historyCalls.map((call) => call.runId)).toEqual([
      "done",
      "failed",
      "killed",
      "live",
      "queued",
      "live",
      "queued",
    ]);
    expect(reader.cachedPoints).toBe(9);
  });

  it("evicts the least recently used histories when the points would exceed the budget", async () => {
    const scripted = scriptedMlflow({
      r1: { status: "FINISHED", histories: { a: points(4), b: points(4), c: points(4), huge: points(11) } },
    });
    const reader = createHistoryReader({ cachePoints: 10 });
    const read = (key: string) => reader.read(scripted.mlflow, { runId: "r1", key, status: "FINISHED" });
    const fetched = () => scripted.historyCalls.map((call) => call.key);

    await read("a");
    await read("b");
    expect(reader.cachedPoints).toBe(8);
    await read("a"); // a hit: a is now the most recently used
    await read("c"); // 12 > 10: b, the least recently used, goes
    expect(fetched()).toEqual(["a", "b", "c"]);
    expect(reader.cachedPoints).toBe(8);
    await read("a");
    await read("c");
    expect(fetched()).toEqual(["a", "b", "c"]);
    await read("b"); // evicted before, read again; a is now the oldest and goes
    await read("a");
    expect(fetched()).toEqual(["a", "b", "c", "b", "a"]);

    // A history larger than the whole budget is served but never kept, and evicts nothing.
    await read("huge");
    await read("huge");
    expect(fetched().filter((key) => key === "huge")).toHaveLength(2);
    expect(reader.cachedPoints).toBe(8);
  });

  it("re-reads a cached history once the run's summary shows a newer latest point", async () => {
    const history = points(3);
    const scripted = scriptedMlflow({ r1: { status: "FINISHED", histories: { loss: history } } });
    const reader = createHistoryReader();
    const latest = { step: 2, timestamp: history[2]!.timestamp, value: 2 };
    await reader.read(scripted.mlflow, { runId: "r1", key: "loss", status: "FINISHED", latest });
    await reader.read(scripted.mlflow, { runId: "r1", key: "loss", status: "FINISHED", latest });
    expect(scripted.historyCalls).toHaveLength(1);

    // A point logged to the finished run later (MLflow allows it).
    history.push({ step: 3, timestamp: history[2]!.timestamp + 1000, value: 9 });
    const updated = await reader.read(scripted.mlflow, {
      runId: "r1",
      key: "loss",
      status: "FINISHED",
      latest: { step: 3, timestamp: history[3]!.timestamp, value: 9 },
    });
    expect(Array.from(updated.values)).toEqual([0, 1, 2, 9]);
    expect(scripted.historyCalls).toHaveLength(2);
  });

  it("neither caches nor keeps sharing a failed read", async () => {
    const scripted = scriptedMlflow({ r1: { status: "FINISHED", histories: { loss: points(2) } } }, { failNext: 1 });
    const reader = createHistoryReader();
    await expect(reader.read(scripted.mlflow, { runId: "r1", key: "loss", status: "FINISHED" })).rejects.toThrow(
      /scripted failure/,
    );
    expect(reader.cachedPoints).toBe(0);
    const columns = await reader.read(scripted.mlflow, { runId: "r1", key: "loss", status: "FINISHED" });
    expect(columns.values.length).toBe(2);
  });

  it("shares a read of the same run asked at once, and never caches the run", async () => {
    const runs = { r1: { status: "RUNNING" as const, histories: { loss: points(2) } } };
    const scripted = scriptedMlflow(runs);
    const reader = createHistoryReader();
    const [a, b] = await Promise.all([reader.run(scripted.mlflow, "r1"), reader.run(scripted.mlflow, "r1")]);
    expect(a).toBe(b);
    expect(a.info.status).toBe("RUNNING");
    expect(a.data.metrics.loss?.step).toBe(1);
    Object.assign(runs.r1, { status: "FINISHED" });
    expect((await reader.run(scripted.mlflow, "r1")).info.status).toBe("FINISHED");
    expect(scripted.runCalls).toEqual(["r1"]);
    expect(scripted.searchCalls).toEqual([{ experimentIds: ["1"], runIds: ["r1"] }]);
  });
});

describe("latestOf", () => {
  it("is the largest (step, timestamp, value), as in MLflow's run summary", () => {
    const columns = toMetricColumns([
      { step: 5, timestamp: 10, value: 1 },
      { step: 5, timestamp: 20, value: 0 },
      { step: 5, timestamp: 20, value: 3 },
      { step: 2, timestamp: 99, value: 7 },
    ]);
    expect(latestOf(columns)).toEqual({ step: 5, timestamp: 20, value: 3 });
    expect(latestOf(toMetricColumns([]))).toBeUndefined();
  });
});

describe("history reader: MLflow's samples for a preview", () => {
  /** `get-history-bulk-interval` answering three points per run, out of order; each call moves the clock 20 ms. */
  function sampling() {
    const calls: string[][] = [];
    const clock = { now: 1_000, inFlight: 0, maxInFlight: 0 };
    vi.spyOn(Date, "now").mockImplementation(() => clock.now);
    const fetchImpl = async (input: string | URL | Request): Promise<Response> => {
      const url = new URL(String(input));
      expect(url.pathname).toBe("/api/2.0/mlflow/metrics/get-history-bulk-interval");
      const runIds = url.searchParams.getAll("run_ids");
      calls.push(runIds);
      clock.maxInFlight = Math.max(clock.maxInFlight, ++clock.inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      clock.now += 20;
      clock.inFlight--;
      const metrics = [3, 1, 2].map((step) => ({
        key: "loss",
        value: step * 10,
        timestamp: step,
        step,
        run_id: runIds[0],
      }));
      return new Response(JSON.stringify({ metrics }), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    };
    const mlflow = new MlflowClient({
      trackingUri: "http://mlflow.test",
      auth: null,
      fetch: fetchImpl as typeof fetch,
    });
    return { calls, clock, mlflow };
  }

  afterEach(() => vi.restoreAllMocks());

  it("samples one run a call, one call at a time, each run's points in step order", async () => {
    const { calls, clock, mlflow } = sampling();
    const sampled = await createHistoryReader().sample(mlflow, {
      runIds: ["a", "b", "c"],
      key: "loss",
      maxResults: 50,
    });
    expect(calls).toEqual([["a"], ["b"], ["c"]]);
    expect(clock.maxInFlight).toBe(1);
    expect([...sampled.keys()]).toEqual(["a", "b", "c"]);
    expect(Array.from(sampled.get("b")!.steps)).toEqual([1, 2, 3]);
    expect(Array.from(sampled.get("b")!.values)).toEqual([10, 20, 30]);
  });

  it("asks MLflow for no run once the deadline has passed, and leaves those runs out", async () => {
    const { calls, clock, mlflow } = sampling();
    const sampled = await createHistoryReader().sample(mlflow, {
      runIds: ["a", "b", "c", "d"],
      key: "loss",
      maxResults: 50,
      deadline: clock.now + 30,
    });
    // a starts at +0, b at +20 (before the deadline), c would start at +40: past it.
    expect(calls).toEqual([["a"], ["b"]]);
    expect([...sampled.keys()]).toEqual(["a", "b"]);
  });
});
