/**
 * Pending runs in the pipeline: runs started while MLflow was unreachable, created (or found by their
 * client run id) before their data is sent under the real id, through memory, the spool and replays.
 * The same against a real MLflow: tests/integration/sdk-offline.test.ts.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MLFLOW_TAGS, MLTRACK_TAGS } from "../mlflow/tags";
import { RunId } from "../mlflow/validation";
import { encodeOp, newCreateOp, newDataOp, newEndOp, type Op } from "./ops";
import { createLogPipeline } from "./pipeline";
import type { LogPipelineOptions, ManagedLogPipeline } from "./options";
import { clientRunIdOf, isValidPendingRunId, pendingRunId } from "./pending-id";
import { countPoints, recordingFetch, type Verdict } from "./recording-fetch.test-support";
import { segmentBase, serverKey } from "./spool";
import type { PendingRun } from "./types";

const URI = "http://mlflow.test:5000";
let spoolDir: string;
const pipelines: ManagedLogPipeline[] = [];

beforeEach(() => {
  spoolDir = mkdtempSync(path.join(tmpdir(), "mltrack-pending-test-"));
});
afterEach(async () => {
  await Promise.all(pipelines.splice(0).map((p) => p.shutdown()));
  rmSync(spoolDir, { recursive: true, force: true });
});

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

function pendingRun(overrides: Partial<PendingRun> = {}): PendingRun {
  const clientRunId = randomUUID();
  return {
    clientRunId,
    experiment: { name: "offline" },
    runName: "train",
    startTime: 1_700_000_000_000,
    tags: { team: "a", [MLTRACK_TAGS.clientRunId]: clientRunId },
    ...overrides,
  };
}

/** Spool files (not the folders of spooled artifacts and of run-creation locks), sorted by name. */
const spoolFiles = () =>
  readdirSync(spoolDir)
    .filter((f) => f !== "artifacts" && f !== "run-locks")
    .sort();
const spoolLines = () =>
  spoolFiles().flatMap((f) =>
    readFileSync(path.join(spoolDir, f), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  );

/** Every request sent, URL and body, as one text: a placeholder must never be in it. */
const sentText = (mlflow: ReturnType<typeof recordingFetch>) =>
  mlflow.calls.map((c) => `${c.url} ${c.body ?? ""}`).join("\n");

describe("placeholder ids", () => {
  it("are derived from the client run id, recognisable, and refused as run ids by the MLflow client", () => {
    const clientRunId = randomUUID();
    const id = pendingRunId(clientRunId);
    expect(id).toBe(`mltrack-pending:${clientRunId}`);
    expect(isValidPendingRunId(id)).toBe(true);
    expect(clientRunIdOf(id)).toBe(clientRunId);
    // MLflow run ids are 32 hex digits; the client's own check refuses the colon, so none can be sent.
    expect(RunId.safeParse(id).success).toBe(false);
    expect(RunId.safeParse(randomUUID().replaceAll("-", "")).success).toBe(true);
    expect(() => pendingRunId("x' OR '1'='1")).toThrow(/client run id/);
    expect(isValidPendingRunId("mltrack-pending:not-a-uuid")).toBe(false);
  });
});

describe("a pending run through a live pipeline", () => {
  it("is created before its data, which goes under the real id; the placeholder never reaches MLflow", async () => {
    const mlflow = recordingFetch();
    const p = pipeline(mlflow.fetch);
    const run = pendingRun();
    const id = p.createRun(run);
    expect(id).toBe(pendingRunId(run.clientRunId));
    p.logParams(id, { lr: "0.1" });
    for (let step = 0; step < 1500; step++) p.logMetrics(id, { loss: step }, { step });
    p.setTags(id, { phase: "done" });
    p.endRun(id, "FINISHED", 1_700_000_999_000);
    await p.flush();

    expect(mlflow.created).toHaveLength(1);
    const [made] = mlflow.created;
    expect(made).toMatchObject({ experimentId: "101", runName: "train", startTime: 1_700_000_000_000 });
    expect(mlflow.experiments.get("offline")).toMatchObject({ id: "101" });
    expect(made!.tags.get(MLTRACK_TAGS.clientRunId)).toBe(run.clientRunId);
    expect(made!.tags.get("team")).toBe("a");
    expect(made!.tags.get("phase")).toBe("done");
    expect(made!.params.get("lr")).toBe("0.1");
    expect(countPoints(made).size).toBe(1500);
    expect([...countPoints(made).values()].every((n) => n === 1)).toBe(true);
    expect(made!.status).toBe("FINISHED");
    expect(mlflow.order.at(-1)?.path).toMatch(/runs\/update$/);
    expect(sentText(mlflow)).not.toContain("mltrack-pending");
    expect(p.stats()).toMatchObject({ runsCreated: 1, sent: 1502, buffered: 0, dropped: 0 });
  });

  it("looks the run up by its client run id first: one made by an earlier attempt is not made again", async () => {
    const mlflow = recordingFetch();
    mlflow.experiments.set("offline", { id: "7", deleted: false });
    const run = pendingRun();
    const earlier = mlflow.madeEarlier("7", run.clientRunId);
    const p = pipeline(mlflow.fetch);
    const id = p.createRun(run);
    p.logMetrics(id, { loss: 1 });
    await p.flush();
    expect(mlflow.created).toEqual([earlier]);
    expect(countPoints(earlier).size).toBe(1);
    expect(p.stats().runsCreated).toBe(0);
  });

  it("waits for a runs/create its run handle already sent before looking the run up: no second run", async () => {
    const mlflow = recordingFetch();
    mlflow.experiments.set("offline", { id: "7", deleted: false });
    const run = pendingRun();
    let landed!: () => void;
    const attempt = new Promise<void>((resolve) => (landed = resolve));
    const p = pipeline(mlflow.fetch);
    const id = p.createRun(run, { after: attempt });
    p.logMetrics(id, { loss: 1 }, { step: 0 });
    const flushed = p.flush();
    // The handle's create lands only now; had the pipeline looked first, it would have made its own.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(mlflow.created).toEqual([]);
    const earlier = mlflow.madeEarlier("7", run.clientRunId);
    landed();
    await flushed;
    expect(mlflow.created).toEqual([earlier]);
    expect(countPoints(earlier).size).toBe(1);
    expect(p.stats().runsCreated).toBe(0);
  });

  it("gives a nested pending run its parent's real id as mlflow.parentRunId, in the parent's experiment", async () => {
    const mlflow = recordingFetch();
    const p = pipeline(mlflow.fetch);
    const parent = p.createRun(pendingRun({ runName: "parent", experiment: { id: "0" } }));
    const child = p.createRun(pendingRun({ runName: "child", experiment: { id: "0" }, parentRunId: parent }));
    p.endRun(child, "FINISHED");
    p.endRun(parent, "FINISHED");
    await p.flush();
    const [madeParent, madeChild] = mlflow.created;
    expect(madeParent?.runName).toBe("parent");
    expect(madeChild?.tags.get(MLFLOW_TAGS.parentRunId)).toBe(madeParent?.runId);
    expect(madeParent?.tags.has(MLFLOW_TAGS.parentRunId)).toBe(false);
    expect(sentText(mlflow)).not.toContain("mltrack-pending");
  });

  it("drops a run MLflow refuses to create (a deleted experiment) with everything logged to it, warning once", async () => {
    const messages: string[] = [];
    const mlflow = recordingFetch();
    mlflow.experiments.set("offline", { id: "5", deleted: true });
    const p = pipeline(mlflow.fetch, { logger: { warn: (m) => void messages.push(m) } });
    const id = p.createRun(pendingRun());
    p.logMetrics(id, { loss: 1, acc: 2 });
    p.endRun(id, "FINISHED");
    p.logMetrics("run1", { loss: 1 });
    await p.flush();
    expect(mlflow.created).toEqual([]);
    expect(countPoints(mlflow.runs.get("run1")).size).toBe(1);
    expect(p.stats()).toMatchObject({ dropped: 2, sent: 1, buffered: 0 });
    expect(messages.filter((m) => /refused to create run "train"/.test(m))).toHaveLength(1);
    expect(messages.join("\n")).toMatch(/deleted in MLflow/);
    expect(sentText(mlflow)).not.toContain("mltrack-pending");
  });

  it("keeps retrying while MLflow is unreachable, then creates the run once it answers", async () => {
    let up = false;
    const mlflow = recordingFetch((): Verdict => (up ? "ok" : { network: "ECONNREFUSED" }));
    const p = pipeline(mlflow.fetch, { spoolAfterMs: 60_000 });
    const id = p.createRun(pendingRun());
    p.logMetrics(id, { loss: 1 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(mlflow.created).toEqual([]);
    up = true;
    await p.flush();
    expect(mlflow.created).toHaveLength(1);
    expect(countPoints(mlflow.created[0]).size).toBe(1);
  });
});

describe("a pending run through the spool", () => {
  it("spools its creation before its data, and the next process creates it once and replays every point", async () => {
    const down = recordingFetch(() => ({ network: "ECONNREFUSED" }));
    const p = pipeline(down.fetch, { spoolAfterMs: 10 });
    const run = pendingRun();
    const id = p.createRun(run);
    for (let step = 0; step < 2500; step++) p.logMetrics(id, { loss: step }, { step });
    p.logParams(id, { lr: "0.1" });
    p.endRun(id, "FAILED", 1_700_000_500_000);
    await p.flush();
    await p.shutdown();
    expect(down.created).toEqual([]);

    const lines = spoolLines();
    // The creation first (restated at the head of every later segment), then the data; all version 2.
    expect(lines[0]).toMatchObject({ v: 2, run: id, create: { exp: ["name", "offline"], name: "train" } });
    expect(lines.every((l) => l.run === id && l.v === 2)).toBe(true);
    expect(lines.filter((l) => l.m).length).toBe(3);
    expect(lines.at(-1)).toMatchObject({ end: ["FAILED", 1_700_000_500_000] });

    const up = recordingFetch();
    const next = pipeline(up.fetch);
    const report = await next.replaySpool();
    expect(report).toMatchObject({ replayedEntries: 2501, createdRuns: 1, interrupted: false });
    expect(up.created).toHaveLength(1);
    const made = up.created[0]!;
    expect(made).toMatchObject({ runName: "train", startTime: run.startTime, status: "FAILED" });
    expect(countPoints(made).size).toBe(2500);
    expect([...countPoints(made).values()].every((n) => n === 1)).toBe(true);
    expect(sentText(up)).not.toContain("mltrack-pending");
    expect(spoolFiles()).toEqual([]);
  });

  it("a replay repeated from scratch (a crash before any acknowledgement) makes no second run", async () => {
    const down = recordingFetch(() => ({ network: "ECONNREFUSED" }));
    const p = pipeline(down.fetch, { spoolAfterMs: 10 });
    const id = p.createRun(pendingRun());
    for (let step = 0; step < 10; step++) p.logMetrics(id, { loss: step }, { step });
    p.endRun(id, "FINISHED");
    await p.shutdown();
    const saved = spoolFiles().map((f) => [f, readFileSync(path.join(spoolDir, f), "utf8")] as const);

    const up = recordingFetch();
    await pipeline(up.fetch).replaySpool();
    for (const [name, text] of saved) writeFileSync(path.join(spoolDir, name), text);
    const again = await pipeline(up.fetch).replaySpool();
    expect(again).toMatchObject({ createdRuns: 0, interrupted: false });
    expect(up.created).toHaveLength(1);
    expect(up.calls.filter((c) => c.url.endsWith("/runs/create"))).toHaveLength(1);
    expect(countPoints(up.created[0]).size).toBe(10);
  });

  it("a crash between the create and the data: the replay finds the run by its client run id", async () => {
    // A file whose create line was acknowledged (the run is in MLflow), its data not yet.
    const run = pendingRun();
    const id = pendingRunId(run.clientRunId);
    const data = newDataOp(id);
    data.keys.push("loss");
    data.values.push(0.5);
    data.timestamps.push(1000);
    data.steps.push(3);
    data.entries = 1;
    const lines = [newCreateOp(id, run), data, newEndOp(id, "FINISHED", 2000)].map((op: Op) => encodeOp(op, URI));
    const name = `${segmentBase(serverKey(URI), 1, 2 ** 22 + 1, 1)}.jsonl`;
    writeFileSync(path.join(spoolDir, name), [...lines, '{"ack":1}'].map((l) => `${l}\n`).join(""));
    const mlflow = recordingFetch();
    mlflow.experiments.set("offline", { id: "3", deleted: false });
    const earlier = mlflow.madeEarlier("3", run.clientRunId);

    const report = await pipeline(mlflow.fetch).replaySpool();
    expect(report).toMatchObject({ replayedEntries: 1, createdRuns: 0, completedFiles: 1 });
    expect(mlflow.created).toEqual([earlier]);
    expect(countPoints(earlier).size).toBe(1);
    expect(earlier.status).toBe("FINISHED");
  });

  it("restates the creation in every segment holding the run's data, so any segment replays on its own", async () => {
    let up = false;
    const mlflow = recordingFetch(() => (up ? "ok" : { network: "ECONNREFUSED" }));
    const p = pipeline(mlflow.fetch, { spoolAfterMs: 10 });
    const run = pendingRun();
    const id = p.createRun(run);
    p.logMetrics(id, { loss: 0 }, { step: 0 });
    // The creation was in flight when MLflow was declared unreachable: it gets a segment of its own,
    // and what was logged after it goes to the next one.
    await p.flush();
    p.logMetrics(id, { loss: 1 }, { step: 1 });
    p.endRun(id, "FINISHED");
    await p.flush();
    await p.shutdown();
    const files = spoolFiles();
    expect(files.length).toBe(2);
    for (const f of files) {
      const first = JSON.parse(readFileSync(path.join(spoolDir, f), "utf8").split("\n")[0]!) as Record<string, unknown>;
      expect(first).toMatchObject({ run: id, create: { name: "train" } });
    }
    // The first segment was replayed (the run created) by a process that then vanished with its
    // memory: the second segment alone finds the run.
    rmSync(path.join(spoolDir, files[0]!));
    up = true;
    mlflow.experiments.set("offline", { id: "9", deleted: false });
    const earlier = mlflow.madeEarlier("9", run.clientRunId);
    await pipeline(mlflow.fetch).replaySpool();
    expect(mlflow.created).toEqual([earlier]);
    expect([...countPoints(earlier).keys()]).toEqual(["loss@0", "loss@1"]);
    expect(earlier.status).toBe("FINISHED");
  });

  it("two replayers of different files of the same pending run at once still make one run", async () => {
    for (let round = 0; round < 5; round++) {
      const run = pendingRun();
      const id = pendingRunId(run.clientRunId);
      const point = (step: number) => {
        const op = newDataOp(id);
        op.keys.push("loss");
        op.values.push(step);
        op.timestamps.push(1000 + step);
        op.steps.push(step);
        op.entries = 1;
        return op;
      };
      // Each file restates the creation, as the pipeline writes them.
      for (const step of [0, 1]) {
        const lines = [newCreateOp(id, run), point(step)].map((op: Op) => encodeOp(op, URI));
        const name = `${segmentBase(serverKey(URI), 1 + round, 2 ** 22 + 5, step)}.jsonl`;
        writeFileSync(path.join(spoolDir, name), lines.map((l) => `${l}\n`).join(""));
      }
      // A slow lookup: both replayers are between their lookup and their create at once.
      const mlflow = recordingFetch(
        () => "ok",
        (pathname) => (pathname.endsWith("/runs/search") ? 20 : 0),
      );
      const [a, b] = [pipeline(mlflow.fetch), pipeline(mlflow.fetch)];
      await Promise.all([a.replaySpool(), b.replaySpool()]);
      expect(spoolFiles()).toEqual([]);
      expect(mlflow.created, `round ${round}`).toHaveLength(1);
      expect([...countPoints(mlflow.created[0]).keys()].sort()).toEqual(["loss@0", "loss@1"]);
    }
  });

  it("spools data of a run resolved before MLflow went away under its real id (version 1 lines)", async () => {
    let up = true;
    const mlflow = recordingFetch(() => (up ? "ok" : { network: "ECONNREFUSED" }));
    const p = pipeline(mlflow.fetch, { spoolAfterMs: 10 });
    const id = p.createRun(pendingRun());
    p.logMetrics(id, { loss: 0 }, { step: 0 });
    await p.flush();
    const real = mlflow.created[0]!.runId!;
    up = false;
    p.logMetrics(id, { loss: 1 }, { step: 1 });
    await p.flush();
    await p.shutdown();
    expect(spoolLines()).toEqual([
      expect.objectContaining({ v: 1, run: real, m: [["loss", 1, expect.any(Number), 1]] }),
    ]);
  });

  it("uploads a pending run's artifacts from the spool once the run exists, then removes the copies", async () => {
    const down = recordingFetch(() => ({ network: "ECONNREFUSED" }));
    const p = pipeline(down.fetch, { spoolAfterMs: 10 });
    const id = p.createRun(pendingRun({ experiment: { id: "0" } }));
    const file = path.join(spoolDir, "..", `${path.basename(spoolDir)}-report.csv`);
    writeFileSync(file, "epoch,loss\n0,1\n");
    p.logArtifact(id, {
      path: "notes/readme.md",
      contentType: "text/markdown",
      source: { bytes: new TextEncoder().encode("# hi") },
    });
    p.logArtifact(id, { path: "report.csv", contentType: "text/csv", source: { file } });
    writeFileSync(file, "changed after logging");
    p.logArtifact(id, { path: "../escape", contentType: "text/plain", source: { bytes: new Uint8Array(1) } });
    p.endRun(id, "FINISHED");
    await p.shutdown();
    rmSync(file);
    expect(readdirSync(path.join(spoolDir, "artifacts"))).toHaveLength(2);
    expect(
      spoolLines()
        .filter((l) => l.art)
        .map((l) => (l.art as string[])[0]),
    ).toEqual(["notes/readme.md", "report.csv"]);

    const up = recordingFetch();
    await pipeline(up.fetch).replaySpool();
    const made = up.created[0]!;
    expect(Object.fromEntries(up.uploads)).toEqual({
      [`0/${made.runId}/artifacts/notes/readme.md`]: "# hi",
      [`0/${made.runId}/artifacts/report.csv`]: "epoch,loss\n0,1\n",
    });
    expect(readdirSync(path.join(spoolDir, "artifacts"))).toEqual([]);
    expect(spoolFiles()).toEqual([]);
  });
});

describe("artifacts of a created run, kept for later", () => {
  it("are uploaded under the run's artifact root (from runs/get), also after a trip through the spool", async () => {
    let up = false;
    const mlflow = recordingFetch(() => (up ? "ok" : { network: "ECONNREFUSED" }));
    const run = mlflow.madeEarlier("4", randomUUID());
    const p = pipeline(mlflow.fetch, { spoolAfterMs: 10 });
    p.logArtifact(run.runId!, {
      path: "model/weights.bin",
      contentType: "application/octet-stream",
      source: { bytes: new Uint8Array([1, 2]) },
    });
    await p.flush();
    expect(p.stats().offline).toBe(true);
    expect(spoolLines()).toEqual([
      expect.objectContaining({
        v: 2,
        run: run.runId,
        art: ["model/weights.bin", "application/octet-stream", expect.any(String)],
      }),
    ]);
    up = true;
    await p.flush();
    expect([...mlflow.uploads.keys()]).toEqual([`4/${run.runId}/artifacts/model/weights.bin`]);
    expect(mlflow.uploads.get(`4/${run.runId}/artifacts/model/weights.bin`)).toBe("\u0001\u0002");
    expect(readdirSync(path.join(spoolDir, "artifacts"))).toEqual([]);
  });
});

describe("spool files of earlier versions", () => {
  it("replays a version 1 file as it was written before pending runs existed, beside a version 2 one", async () => {
    const v1 = [
      '{"v":1,"uri":"http://mlflow.test:5000","run":"0123abcd","m":[["loss",0.5,1700000000000,0],["loss",0.25,1700000000001,1]],"p":[["lr","0.1"]]}',
      '{"v":1,"uri":"http://mlflow.test:5000","run":"0123abcd","t":[["team","a"]]}',
      '{"v":1,"uri":"http://mlflow.test:5000","run":"0123abcd","end":["FINISHED",1700000000002]}',
    ];
    writeFileSync(path.join(spoolDir, `${segmentBase(serverKey(URI), 1, 2 ** 22 + 3, 1)}.jsonl`), `${v1.join("\n")}\n`);
    const run = pendingRun();
    const id = pendingRunId(run.clientRunId);
    const v2 = [newCreateOp(id, run), newEndOp(id, "KILLED", 1_700_000_000_009)].map((op: Op) => encodeOp(op, URI));
    writeFileSync(path.join(spoolDir, `${segmentBase(serverKey(URI), 2, 2 ** 22 + 3, 1)}.jsonl`), `${v2.join("\n")}\n`);
    const mlflow = recordingFetch();
    const report = await pipeline(mlflow.fetch).replaySpool();
    expect(report).toMatchObject({ replayedEntries: 4, completedFiles: 2, createdRuns: 1 });
    const old = mlflow.runs.get("0123abcd");
    expect(countPoints(old).size).toBe(2);
    expect(old).toMatchObject({ status: "FINISHED" });
    expect(old?.params.get("lr")).toBe("0.1");
    expect(old?.tags.get("team")).toBe("a");
    expect(mlflow.created[0]).toMatchObject({ runName: "train", status: "KILLED" });
    expect(spoolFiles()).toEqual([]);
  });
});
