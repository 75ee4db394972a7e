import { describe, expect, it } from "vitest";
import {
  decodeLine,
  encodeOp,
  metricBytes,
  metricFits,
  newDataOp,
  newEndOp,
  stringEntryBytes,
  BATCH_BYTES_LIMIT,
} from "./ops";

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
});
