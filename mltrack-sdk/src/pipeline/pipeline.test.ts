import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogPipeline } from "./pipeline";
import type { LogPipelineOptions, ManagedLogPipeline } from "./options";
import { newDataOp, encodeOp } from "./ops";
import { segmentBase, serverKey } from "./spool";
import { countPoints, recordingFetch, type LogBatchBody } from "./recording-fetch.test-support";

const URI = "http://mlflow.test:5000";
let spoolDir: string;
const pipelines: ManagedLogPipeline[] = [];

beforeEach(() => {
  spoolDir = mkdtempSync(path.join(tmpdir(), "mltrack-spool-test-"));
});
afterEach(async () => {
  await Promise.all(pipelines.splice(0).map((p) => p.shutdown()));
  rmSync(spoolDir, { recursive: true, force: true });
});

function collectWarnings() {
  const messages: string[] = [];
  return { messages, logger: { warn: (m: string) => void messages.push(m) } };
}

function pipeline(fetchImpl: typeof fetch, options: Partial<LogPipelineOptions> = {}): ManagedLogPipeline {
  const p = createLogPipeline({
    trackingUri: URI,
    auth: null,
    fetch: fetchImpl,
    spoolDir,
    replaySpoolOnStart: false,
    retryBackoff: { baseMs: 1, maxMs: 5 },
    logger: { warn: () => {} },
    ...options,
  });
  pipelines.push(p);
  return p;
}

const spoolFiles = () => readdirSync(spoolDir).sort();

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("createLogPipeline: batching within MLflow's limits", () => {
  it("chunks metrics, params and tags into log-batch requests MLflow accepts, each point once", async () => {
    const mlflow = recordingFetch();
    const p = pipeline(mlflow.fetch);
    for (let step = 0; step < 250; step++) {
      p.logMetrics("run1", Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`m${k}`, step * k])), { step });
    }
    p.logParams("run1", Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`p${i}`, String(i)])));
    p.setTags("run1", Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`t${i}`, "x"])));
    await p.flush();

    const batches = mlflow.calls.filter((c) => c.url.endsWith("/runs/log-batch"));
    for (const call of batches) {
      const body = JSON.parse(call.body ?? "{}") as LogBatchBody;
      const [m, pa, t] = [body.metrics?.length ?? 0, body.params?.length ?? 0, body.tags?.length ?? 0];
      expect(m).toBeLessThanOrEqual(1000);
      expect(pa).toBeLessThanOrEqual(100);
      expect(t).toBeLessThanOrEqual(100);
      expect(m + pa + t).toBeLessThanOrEqual(1000);
      expect(Buffer.byteLength(call.body ?? "")).toBeLessThanOrEqual(1_000_000);
    }
    const counts = countPoints(mlflow.runs.get("run1"));
    expect(counts.size).toBe(2500);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(mlflow.runs.get("run1")?.params.size).toBe(150);
    expect(mlflow.runs.get("run1")?.tags.size).toBe(120);
    expect(p.stats()).toMatchObject({ enqueued: 2770, sent: 2770, buffered: 0, spooled: 0, dropped: 0 });
  });

  it("keeps each request under 1 MB whatever the values hold (long tags of escaped characters)", async () => {
    const mlflow = recordingFetch();
    const p = pipeline(mlflow.fetch);
    const nasty = "\u0001".repeat(8000);
    p.setTags("run1", Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`t${i}`, nasty])));
    p.logParams("run1", Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`p${i}`, "é".repeat(6000)])));
    await p.flush();
    const sizes = mlflow.calls.map((c) => Buffer.byteLength(c.body ?? ""));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1_000_000);
    expect(mlflow.runs.get("run1")?.tags.size).toBe(100);
    expect(mlflow.runs.get("run1")?.params.size).toBe(100);
  });

  it("keeps a run's order: its end goes after its data, and a tag's last value wins", async () => {
    const mlflow = recordingFetch();
    const p = pipeline(mlflow.fetch);
    for (let step = 0; step < 1500; step++) p.logMetrics("run1", { loss: 1 / (step + 1) }, { step });
    p.setTags("run1", { phase: "warmup" });
    p.logMetrics("run2", { acc: 0.5 });
    p.setTags("run1", { phase: "done" });
    p.endRun("run1", "FINISHED");
    p.endRun("run2", "FAILED");
    await p.flush();
    const run1 = mlflow.order.filter((o) => o.runId === "run1").map((o) => o.path.split("/").pop());
    expect(run1.at(-1)).toBe("update");
    expect(run1.filter((x) => x === "update")).toHaveLength(1);
    expect(mlflow.runs.get("run1")).toMatchObject({ status: "FINISHED" });
    expect(mlflow.runs.get("run1")?.tags.get("phase")).toBe("done");
    expect(mlflow.runs.get("run2")).toMatchObject({ status: "FAILED" });
    expect(countPoints(mlflow.runs.get("run1")).size).toBe(1500);
  });

  it("stamps the timestamp at the log call, and sends NaN and ±Infinity as MLflow spells them", async () => {
    const mlflow = recordingFetch();
    const p = pipeline(mlflow.fetch);
    const before = Date.now();
    p.logMetrics("run1", { a: NaN, b: Infinity, c: -Infinity }, { step: 3 });
    p.logMetrics("run1", { d: 1 }, { step: 4, timestamp: 1234 });
    const after = Date.now();
    await new Promise((r) => setTimeout(r, 5));
    await p.flush();
    const metrics = mlflow.runs.get("run1")?.metrics ?? [];
    expect(metrics.map((m) => m.value)).toEqual(["NaN", "Infinity", "-Infinity", 1]);
    expect(metrics[0]?.timestamp).toBeGreaterThanOrEqual(before);
    expect(metrics[0]?.timestamp).toBeLessThanOrEqual(after);
    expect(metrics[3]?.timestamp).toBe(1234);
  });
});

describe("createLogPipeline: failures", () => {
  it("retries failed requests with backoff and delivers each point once", async () => {
    let failures = 0;
    const mlflow = recordingFetch(() =>
      failures++ < 3 ? { status: 503, errorCode: "TEMPORARILY_UNAVAILABLE" } : "ok",
    );
    const p = pipeline(mlflow.fetch);
    for (let step = 0; step < 100; step++) p.logMetrics("run1", { loss: step }, { step });
    await p.flush();
    expect(mlflow.calls.filter((c) => c.url.endsWith("/runs/log-batch")).length).toBeGreaterThanOrEqual(4);
    expect(countPoints(mlflow.runs.get("run1")).size).toBe(100);
    expect([...countPoints(mlflow.runs.get("run1")).values()].every((n) => n === 1)).toBe(true);
  });

  it("resends a batch whose answer was lost only for the points MLflow does not have yet", async () => {
    let first = true;
    // The first log-batch is applied, then answered 500 (as if the answer was lost): the store here
    // keeps duplicates, so only the pipeline's read-back keeps each point single.
    const mlflow = recordingFetch((pathname) => {
      if (pathname.endsWith("/runs/log-batch") && first) {
        first = false;
        return { status: 500, errorCode: "INTERNAL_ERROR", applied: true };
      }
      return "ok";
    });
    const p = pipeline(mlflow.fetch);
    for (let step = 0; step < 50; step++) p.logMetrics("run1", { loss: step, acc: -step }, { step });
    await p.flush();
    const counts = countPoints(mlflow.runs.get("run1"));
    expect(counts.size).toBe(100);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(mlflow.calls.some((c) => c.url.includes("/metrics/get-history-bulk-interval"))).toBe(true);
  });

  it("drops only a batch MLflow refuses as invalid, says so once, and keeps the others", async () => {
    const { messages, logger } = collectWarnings();
    const mlflow = recordingFetch((_path, body) =>
      body.run_id === "gone"
        ? { status: 400, errorCode: "INVALID_PARAMETER_VALUE", message: "The run gone must be in the 'active' state." }
        : "ok",
    );
    const p = pipeline(mlflow.fetch, { logger });
    p.logMetrics("gone", { loss: 1 });
    p.logMetrics("run1", { loss: 1 });
    await p.flush();
    p.logMetrics("gone", { loss: 2 });
    p.logMetrics("run1", { loss: 2 }, { step: 1 });
    await p.flush();
    expect(countPoints(mlflow.runs.get("run1")).size).toBe(2);
    expect(p.stats()).toMatchObject({ enqueued: 4, sent: 2, dropped: 2, buffered: 0 });
    expect(messages.filter((m) => m.includes("refused"))).toHaveLength(1);
    expect(messages[0]).toMatch(/dropped/);
  });

  it("drops only the params MLflow refuses when they shared a batch with metrics", async () => {
    const mlflow = recordingFetch();
    mlflow.run("run1").params.set("lr", "0.1"); // logged by an earlier process
    const p = pipeline(mlflow.fetch);
    p.logParams("run1", { lr: "0.2" });
    p.logMetrics("run1", { loss: 1 });
    p.setTags("run1", { team: "a" });
    await p.flush();
    expect(mlflow.runs.get("run1")?.metrics).toHaveLength(1);
    expect(mlflow.runs.get("run1")?.tags.get("team")).toBe("a");
    expect(p.stats()).toMatchObject({ sent: 2, dropped: 1 });
  });

  it("goes to the spool when MLflow stays unreachable, and the next process replays it", async () => {
    const down = recordingFetch(() => ({ network: "ECONNREFUSED" }));
    const p = pipeline(down.fetch, { spoolAfterMs: 20 });
    for (let step = 0; step < 2500; step++) p.logMetrics("run1", { loss: step }, { step });
    p.logParams("run1", { lr: "0.1" });
    p.endRun("run1", "FINISHED");
    await p.flush();
    expect(p.stats()).toMatchObject({ enqueued: 2501, sent: 0, spooled: 2501, buffered: 0, offline: true });
    await p.shutdown();
    const files = spoolFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.startsWith(serverKey(URI)) && f.endsWith(".jsonl"))).toBe(true);
    const lines = files.flatMap((f) => readFileSync(path.join(spoolDir, f), "utf8").trim().split("\n"));
    expect(lines.length).toBe(4); // 3 batches of 1,000 metric points (the last with the param), then the end

    const up = recordingFetch();
    const next = pipeline(up.fetch);
    const report = await next.replaySpool();
    expect(report).toMatchObject({ replayedEntries: 2501, interrupted: false });
    const counts = countPoints(up.runs.get("run1"));
    expect(counts.size).toBe(2500);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(up.runs.get("run1")).toMatchObject({ status: "FINISHED" });
    expect(up.order.at(-1)?.path).toMatch(/runs\/update$/);
    expect(spoolFiles()).toEqual([]);
  });

  it("replays its own spool once MLflow answers again, before newer batches", async () => {
    let up = false;
    const mlflow = recordingFetch(() => (up ? "ok" : { network: "ECONNREFUSED" }));
    const p = pipeline(mlflow.fetch, { spoolAfterMs: 10 });
    for (let step = 0; step < 1200; step++) p.logMetrics("run1", { loss: step }, { step });
    p.setTags("run1", { phase: "a" });
    await p.flush();
    expect(p.stats().offline).toBe(true);
    up = true;
    p.setTags("run1", { phase: "b" });
    p.endRun("run1", "FINISHED");
    await p.flush();
    expect(p.stats()).toMatchObject({ offline: false, buffered: 0 });
    expect(countPoints(mlflow.runs.get("run1")).size).toBe(1200);
    expect(mlflow.runs.get("run1")?.tags.get("phase")).toBe("b");
    expect(mlflow.order.at(-1)?.path).toMatch(/runs\/update$/);
    expect(spoolFiles()).toEqual([]);
  });

  it("bounds memory: a loop that never yields overflows to the spool, and every point still arrives once", async () => {
    let up = false;
    const mlflow = recordingFetch(() => (up ? "ok" : { status: 503, errorCode: "TEMPORARILY_UNAVAILABLE" }));
    const p = pipeline(mlflow.fetch, { maxBufferedEntries: 10_000, spoolAfterMs: 60_000 });
    let peak = 0;
    for (let step = 0; step < 5_000; step++) {
      p.logMetrics("run1", Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`m${k}`, step])), { step });
      peak = Math.max(peak, p.stats().buffered);
    }
    expect(peak).toBeLessThanOrEqual(10_000);
    expect(p.stats().spooled).toBeGreaterThanOrEqual(40_000);
    expect(spoolFiles().length).toBeGreaterThan(0);
    up = true;
    await p.flush();
    const counts = countPoints(mlflow.runs.get("run1"));
    expect(counts.size).toBe(50_000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(p.stats()).toMatchObject({ enqueued: 50_000, buffered: 0 });
  });
});

describe("createLogPipeline: a run's order through the spool", () => {
  it("replays a batch that was in flight when MLflow went away before the batches that overflowed meanwhile", async () => {
    let up = false;
    const mlflow = recordingFetch((pathname) =>
      up || !pathname.endsWith("/runs/log-batch") ? "ok" : { status: 503, errorCode: "TEMPORARILY_UNAVAILABLE" },
    );
    const p = pipeline(mlflow.fetch, { maxBufferedEntries: 10_000, spoolAfterMs: 150 });
    p.setTags("run1", { phase: "first" });
    p.logMetrics("run1", { loss: -1 }, { step: 0 });
    void p.flush(); // sends it now
    await new Promise((resolve) => setTimeout(resolve, 30)); // the pump has taken it and is retrying
    // Meanwhile a loop overflows memory: its oldest batches go to the spool before the one in flight does.
    for (let step = 1; step <= 3000; step++) {
      p.logMetrics("run1", Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`m${k}`, step])), { step });
      if (step === 1) p.setTags("run1", { phase: "last" }); // in a batch that overflows to the spool
    }
    p.endRun("run1", "FINISHED");
    expect(p.stats().spooled).toBeGreaterThan(0);
    await p.flush(); // past the deadline: the batch in flight goes to the spool too
    expect(p.stats()).toMatchObject({ offline: true, buffered: 0 });
    up = true;
    await p.flush();
    const run = mlflow.runs.get("run1");
    expect(run?.tags.get("phase")).toBe("last");
    expect(run?.status).toBe("FINISHED");
    expect(mlflow.order.at(-1)?.path).toMatch(/runs\/update$/);
    expect(countPoints(run).size).toBe(30_001);
    expect([...countPoints(run).values()].every((n) => n === 1)).toBe(true);
  });
});

describe("createLogPipeline: the spool's lock", () => {
  function writeSpool(name: string, runId: string, steps: number[], extra: string[] = []): void {
    const lines = steps.map((step) => {
      const op = newDataOp(runId);
      op.keys.push("loss");
      op.values.push(step);
      op.timestamps.push(1000 + step);
      op.steps.push(step);
      op.entries = 1;
      return encodeOp(op, URI);
    });
    writeFileSync(path.join(spoolDir, name), [...lines, ...extra].map((l) => `${l}\n`).join(""));
  }

  it("two replayers at once send each spooled point once", async () => {
    for (let f = 0; f < 6; f++) {
      writeSpool(
        `${segmentBase(serverKey(URI), 1, 99, f)}.jsonl`,
        "run1",
        Array.from({ length: 20 }, (_, i) => f * 20 + i),
      );
    }
    const mlflow = recordingFetch();
    const a = pipeline(mlflow.fetch);
    const b = pipeline(mlflow.fetch);
    const [ra, rb] = await Promise.all([a.replaySpool(), b.replaySpool()]);
    expect(ra.replayedEntries + rb.replayedEntries).toBe(120);
    const counts = countPoints(mlflow.runs.get("run1"));
    expect(counts.size).toBe(120);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(spoolFiles()).toEqual([]);
  });

  it("takes over files of dead processes, resuming after their acknowledged lines, and leaves live ones alone", async () => {
    const dead = deadPid();
    const key = serverKey(URI);
    writeSpool(`${segmentBase(key, 1, dead, 1)}.replaying-${dead}`, "run1", [0, 1, 2, 3], ['{"ack":2}']);
    writeSpool(`${segmentBase(key, 1, dead, 5)}.writing-${dead}`, "run1", [4, 5]);
    writeSpool(`${segmentBase(key, 1, process.ppid, 7)}.writing-${process.ppid}`, "run1", [6]);
    writeSpool(`${segmentBase(serverKey("http://other:5000"), 1, dead, 1)}.jsonl`, "run1", [7]);
    const mlflow = recordingFetch();
    const p = pipeline(mlflow.fetch);
    const report = await p.replaySpool();
    expect(report).toMatchObject({ replayedEntries: 4, completedFiles: 2 });
    // Steps 0 and 1 were acknowledged by the dead replayer; step 2 may have been sent, so it was read back first.
    expect([...countPoints(mlflow.runs.get("run1")).keys()].sort()).toEqual(["loss@2", "loss@3", "loss@4", "loss@5"]);
    expect(mlflow.calls.some((c) => c.url.includes("get-history-bulk-interval"))).toBe(true);
    expect(spoolFiles()).toEqual(
      [
        `${segmentBase(key, 1, process.ppid, 7)}.writing-${process.ppid}`,
        `${segmentBase(serverKey("http://other:5000"), 1, dead, 1)}.jsonl`,
      ].sort(),
    );
  });

  it("replays spool files left for its server in the background on start", async () => {
    writeSpool(`${segmentBase(serverKey(URI), 1, deadPid(), 1)}.jsonl`, "run9", [0, 1, 2]);
    const mlflow = recordingFetch();
    const p = pipeline(mlflow.fetch, { replaySpoolOnStart: true });
    for (let i = 0; i < 200 && spoolFiles().length > 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(spoolFiles()).toEqual([]);
    expect(countPoints(mlflow.runs.get("run9")).size).toBe(3);
    expect(p.stats().replayed).toBe(3);
  });
});

describe("createLogPipeline: never in the way of user code", () => {
  it("never throws, whatever it is given, and warns once per kind of problem", async () => {
    const { messages, logger } = collectWarnings();
    const mlflow = recordingFetch();
    const p = pipeline(mlflow.fetch, { logger });
    expect(() => {
      for (let i = 0; i < 3; i++) {
        p.logMetrics("run1", { "bad key!": 1, ok: 1 }, { step: i });
        p.logMetrics("run1", { ok: "1" as unknown as number }, { step: i });
        p.logMetrics("run1", { ok: 1 }, { step: 0.5 });
        p.logMetrics("run1", null as unknown as Record<string, number>);
        p.logParams("run1", { lr: "0.1" });
        p.logParams("run1", { lr: "0.2" });
        p.setTags("run1", { t: "x".repeat(9000) });
        p.endRun("run1", "FINISHED");
      }
    }).not.toThrow();
    await p.flush();
    expect(messages.length).toBeLessThanOrEqual(8);
    expect(new Set(messages).size).toBe(messages.length);
    expect(countPoints(mlflow.runs.get("run1")).size).toBe(3);
  });

  it("stays quiet when its logger throws and when fetch itself throws", async () => {
    const p = pipeline(
      (() => {
        throw new Error("boom");
      }) as unknown as typeof fetch,
      {
        logger: {
          warn: () => {
            throw new Error("logger broke");
          },
        },
        spoolAfterMs: 0,
      },
    );
    expect(() => p.logMetrics("run1", { loss: 1 })).not.toThrow();
    await expect(p.flush()).resolves.toBeUndefined();
    expect(p.stats()).toMatchObject({ spooled: 1 });
  });

  it("ignores log calls after shutdown, and flush and shutdown keep resolving", async () => {
    const mlflow = recordingFetch();
    const p = pipeline(mlflow.fetch);
    await p.shutdown();
    expect(() => p.logMetrics("run1", { loss: 1 })).not.toThrow();
    await expect(p.flush()).resolves.toBeUndefined();
    await expect(p.shutdown()).resolves.toBeUndefined();
    expect(p.stats()).toMatchObject({ enqueued: 0, rejected: 1 });
  });

  it("immediate mode: every call made before an awaited flush is in MLflow when it returns", async () => {
    const mlflow = recordingFetch();
    const p = pipeline(mlflow.fetch, { mode: "immediate" });
    p.logMetrics("run1", { loss: 1 });
    p.logParams("run1", { lr: "0.1" });
    p.endRun("run1", "FINISHED");
    await p.flush();
    expect(mlflow.runs.get("run1")).toMatchObject({ status: "FINISHED" });
    expect(mlflow.runs.get("run1")?.metrics).toHaveLength(1);
    expect(p.stats()).toMatchObject({ sent: 2, buffered: 0 });
  });

  it("a flush resolves with MLflow down, once the batches are in the spool", async () => {
    const p = pipeline(recordingFetch(() => ({ network: "ECONNREFUSED" })).fetch, { spoolAfterMs: 30 });
    p.logMetrics("run1", { loss: 1 });
    await p.flush();
    expect(p.stats()).toMatchObject({ spooled: 1, buffered: 0, offline: true });
    p.logMetrics("run1", { loss: 2 }, { step: 1 });
    await p.flush();
    expect(p.stats()).toMatchObject({ spooled: 2, buffered: 0 });
  });

  it("refuses an unusable configuration up front", () => {
    expect(() => createLogPipeline({ trackingUri: "ftp://x", spoolDir })).toThrow(/http/);
    expect(() => createLogPipeline({ trackingUri: URI, spoolDir, maxBufferedEntries: 10 })).toThrow(/at least/);
  });
});
