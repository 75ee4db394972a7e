import { describe, expect, it } from "vitest";
import {
  decodeLine,
  encodeOp,
  metricBytes,
  metricFits,
  newArtifactOp,
  newCreateOp,
  newDataOp,
  newEndOp,
  stringEntryBytes,
  withRunId,
  BATCH_BYTES_LIMIT,
} from "./ops";
import { pendingRunId } from "./pending-id";

describe("pipeline ops", () => {
  it("round-trips a batch through its spool line, NaN and ±Infinity included", () => {
    const op = newDataOp("run1");
    op.keys.push("a", "b", "c");
    op.values.push(NaN, Infinity, -0.5);
    op.timestamps.push(1, 2, 3);
    op.steps.push(0, 1, 2);
    op.params = new Map([["lr", "0.1"]]);
    op.tags = new Map([["note", "é\n\u0001"]]);
    op.entries = 5;
    op.uncertain = true;
    const decoded = decodeLine(encodeOp(op, "http://x:5000"));
    expect(decoded).toMatchObject({ kind: "op", trackingUri: "http://x:5000" });
    const back = decoded?.kind === "op" ? decoded.op : undefined;
    expect(back).toMatchObject({
      kind: "data",
      runId: "run1",
      keys: ["a", "b", "c"],
      timestamps: [1, 2, 3],
      steps: [0, 1, 2],
      entries: 5,
      uncertain: true,
    });
    expect(back?.kind === "data" && back.values).toEqual([NaN, Infinity, -0.5]);
    expect(back?.kind === "data" && [...(back.params ?? [])]).toEqual([["lr", "0.1"]]);
    expect(back?.kind === "data" && back.tags?.get("note")).toBe("é\n\u0001");
  });

  it("round-trips a run's end and reads acks; refuses lines that are not ops", () => {
    const decoded = decodeLine(encodeOp(newEndOp("run1", "FAILED", 99), "http://x"));
    expect(decoded?.kind === "op" && decoded.op).toMatchObject({
      kind: "end",
      runId: "run1",
      status: "FAILED",
      endTime: 99,
    });
    expect(decodeLine('{"ack":12}')).toEqual({ kind: "ack", count: 12 });
    for (const bad of [
      '{"v":1,"uri":"x","ru',
      "",
      "[]",
      '{"v":2,"uri":"x","run":"r"}',
      '{"v":1,"uri":"x","run":"r","m":[["k","oops",1,2]]}',
      '{"v":1,"uri":"x","run":"r","end":["DONE",1]}',
    ]) {
      expect(decodeLine(bad)).toBeUndefined();
    }
  });

  it("sizes are upper bounds: a full batch of the longest keys stays under 1 MB", () => {
    const key = "é".repeat(250);
    const op = newDataOp("r");
    let n = 0;
    while (metricFits(op, metricBytes(key))) {
      op.keys.push(key);
      op.entries++;
      op.bytes += metricBytes(key);
      n++;
    }
    expect(n).toBe(1000);
    const body = JSON.stringify({
      run_id: "r",
      metrics: op.keys.map((k) => ({
        key: k,
        value: -2.2250738585072014e-308,
        timestamp: 1e13,
        step: 9007199254740991,
      })),
    });
    expect(Buffer.byteLength(body)).toBeLessThan(BATCH_BYTES_LIMIT);
    expect(stringEntryBytes("k", "\u0001")).toBeGreaterThanOrEqual(
      Buffer.byteLength(JSON.stringify({ key: "k", value: "\u0001" })),
    );
  });

  it("reads spool lines as the version 1 format wrote them (files of earlier SDK versions)", () => {
    // Verbatim lines of the format before pending runs existed.
    const data = decodeLine(
      '{"v":1,"uri":"http://x:5000","run":"0123abcd","m":[["loss",0.5,1700000000000,3],["acc","NaN",1700000000000,3]],"p":[["lr","0.1"]],"t":[["team","a"]],"u":1}',
    );
    expect(data).toMatchObject({
      kind: "op",
      trackingUri: "http://x:5000",
      op: { kind: "data", runId: "0123abcd", keys: ["loss", "acc"], steps: [3, 3], entries: 4, uncertain: true },
    });
    expect(data?.kind === "op" && data.op.kind === "data" && data.op.values).toEqual([0.5, NaN]);
    expect(decodeLine('{"v":1,"uri":"http://x:5000","run":"0123abcd","end":["FINISHED",1700000000001]}')).toMatchObject(
      {
        kind: "op",
        op: { kind: "end", runId: "0123abcd", status: "FINISHED", endTime: 1700000000001 },
      },
    );
    // An ordinary run's batch is still written as version 1, so readers of version 1 keep reading it.
    const op = newDataOp("0123abcd");
    op.params = new Map([["lr", "0.1"]]);
    op.entries = 1;
    expect(JSON.parse(encodeOp(op, "http://x"))).toEqual({
      v: 1,
      uri: "http://x",
      run: "0123abcd",
      p: [["lr", "0.1"]],
    });
  });

  it("round-trips a pending run's creation (version 2), parent and experiment by name or id included", () => {
    const clientRunId = "6f1c2a4e-9b7d-4e3f-8a21-0c5d7e9f1b23";
    const id = pendingRunId(clientRunId);
    const parent = pendingRunId("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    for (const [experiment, parentRunId] of [
      [{ name: "churn é" }, parent],
      [{ id: "0" }, "0123456789abcdef0123456789abcdef"],
      [{ id: "12" }, undefined],
    ] as const) {
      const run = {
        clientRunId,
        experiment,
        runName: "train",
        startTime: 1_700_000_000_000,
        tags: { "mltrack.client_run_id": clientRunId, note: "a\nb" },
        ...(parentRunId ? { parentRunId } : {}),
      };
      const line = encodeOp(newCreateOp(id, run), "http://x");
      expect(JSON.parse(line)).toMatchObject({ v: 2, run: id });
      const decoded = decodeLine(line);
      expect(decoded?.kind === "op" && decoded.op).toMatchObject({ kind: "create", runId: id, run });
    }
  });

  it("writes a pending run's data and end as version 2 under its placeholder, and artifacts with a blob name", () => {
    const id = pendingRunId("6f1c2a4e-9b7d-4e3f-8a21-0c5d7e9f1b23");
    const data = newDataOp(id);
    data.keys.push("loss");
    data.values.push(1);
    data.timestamps.push(5);
    data.steps.push(0);
    data.entries = 1;
    expect(JSON.parse(encodeOp(data, "http://x"))).toMatchObject({ v: 2, run: id });
    expect(decodeLine(encodeOp(data, "http://x"))).toMatchObject({ op: { kind: "data", runId: id, keys: ["loss"] } });
    expect(decodeLine(encodeOp(newEndOp(id, "FAILED", 9), "http://x"))).toMatchObject({
      op: { kind: "end", runId: id, status: "FAILED" },
    });
    const blob = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    const art = newArtifactOp(id, "plots/loss.png", "image/png", blob);
    expect(decodeLine(encodeOp(art, "http://x"))).toMatchObject({
      op: { kind: "artifact", runId: id, path: "plots/loss.png", contentType: "image/png", blob },
    });
    // Once resolved, the same ops are spooled under the real id: data as version 1, an artifact as 2.
    expect(JSON.parse(encodeOp(withRunId(data, "0123abcd"), "http://x"))).toMatchObject({ v: 1, run: "0123abcd" });
    expect(decodeLine(encodeOp(withRunId(art, "0123abcd"), "http://x"))).toMatchObject({
      op: { kind: "artifact", runId: "0123abcd" },
    });
  });

  it("refuses malformed or dangerous pending-run lines: bad placeholders, paths, blob names, experiments", () => {
    const id = pendingRunId("6f1c2a4e-9b7d-4e3f-8a21-0c5d7e9f1b23");
    const blob = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    const create = (fields: Record<string, unknown>, run = id) =>
      JSON.stringify({ v: 2, uri: "x", run, create: { exp: ["id", "0"], start: 1, tags: [], ...fields } });
    expect(decodeLine(create({}))).toBeDefined();
    for (const bad of [
      create({}, "mltrack-pending:not-a-uuid"),
      create({}, "0123abcd"), // a creation is only ever for a placeholder
      create({ exp: ["id", "../1"] }),
      create({ exp: ["name", ""] }),
      create({ exp: ["path", "x"] }),
      create({ start: -1 }),
      create({ start: 1.5 }),
      create({ tags: [["k", 1]] }),
      create({ parent: "x' OR 1=1" }),
      `{"v":1,"uri":"x","run":"${id}","m":[]}`, // a placeholder in a version 1 line
      `{"v":2,"uri":"x","run":"0123abcd","m":[]}`, // version 2 with nothing of version 2
      `{"v":1,"uri":"x","run":"bad run id","m":[]}`,
      `{"v":2,"uri":"x","run":"${id}","art":["../etc/passwd","text/plain","${blob}"]}`,
      `{"v":2,"uri":"x","run":"${id}","art":["/abs","text/plain","${blob}"]}`,
      `{"v":2,"uri":"x","run":"${id}","art":["ok.txt","text/plain","../../x"]}`,
      `{"v":2,"uri":"x","run":"${id}","art":["ok.txt","text/plain"]}`,
      `{"v":1,"uri":"x","run":"0123abcd","art":["ok.txt","text/plain","${blob}"]}`,
    ]) {
      expect(decodeLine(bad), bad).toBeUndefined();
    }
  });
});
