import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeOp, newDataOp } from "./ops";
import {
  SpoolReader,
  appendOp,
  claimFile,
  createSegment,
  inspectSpoolFile,
  isClaimable,
  listSpoolFiles,
  releaseFile,
  resolveSpoolDir,
  sealSegment,
  segmentBase,
  serverKey,
} from "./spool";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "mltrack-spool-unit-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const op = (step: number) => {
  const o = newDataOp("run1");
  o.keys.push("loss");
  o.values.push(step);
  o.timestamps.push(step);
  o.steps.push(step);
  o.entries = 1;
  return o;
};

describe("spool files", () => {
  it("resolves its directory from the option, then MLTRACK_SPOOL_DIR, then ~/.mltrack/spool", () => {
    expect(resolveSpoolDir("/a", { MLTRACK_SPOOL_DIR: "/b" })).toBe("/a");
    expect(resolveSpoolDir(undefined, { MLTRACK_SPOOL_DIR: "/b" })).toBe("/b");
    expect(resolveSpoolDir(undefined, {})).toMatch(/\.mltrack\/spool$/);
  });

  it("appends whole lines, seals for replay, and is read back in order, skipping acknowledged lines", () => {
    const base = segmentBase(serverKey("http://x"), 5, process.pid, 1);
    const { fd, path: writing } = createSegment(dir, base, process.pid);
    for (let step = 0; step < 5; step++) appendOp(fd, op(step), "http://x");
    expect(path.basename(writing)).toBe(`${base}.writing-${process.pid}`);
    const sealed = sealSegment(fd, writing, process.pid);
    const reader = new SpoolReader(sealed, { resumed: false });
    expect(reader.total).toBe(5);
    expect(reader.peek()?.index).toBe(0);
    reader.ack();
    reader.ack(); // nothing peeked: no-op
    expect(reader.peek()?.op).toMatchObject({ steps: [1] });
    reader.ack();
    reader.close();
    expect(readFileSync(sealed, "utf8").trim().split("\n").at(-1)).toBe('{"ack":2}');

    const resumed = new SpoolReader(sealed, { resumed: true });
    const head = resumed.peek();
    expect(head).toMatchObject({ index: 2, op: { steps: [2], uncertain: true } });
    expect(resumed.remaining).toBe(3);
    resumed.close();
    expect(inspectSpoolFile(listSpoolFiles(dir)[0]!)).toMatchObject({
      batches: 3,
      entries: 3,
      trackingUri: "http://x",
    });
  });

  it("ends a line cut short by a crash before acknowledging, and skips it", () => {
    const file = path.join(dir, `${segmentBase("0123456789ab", 1, 1, 1)}.jsonl`);
    writeFileSync(file, `${encodeOp(op(0), "http://x")}\n${encodeOp(op(1), "http://x").slice(0, 20)}`);
    const reader = new SpoolReader(file, { resumed: false });
    expect(reader.peek()?.op).toMatchObject({ steps: [0] });
    reader.ack();
    expect(reader.peek()).toBeUndefined();
    expect(reader.corruptLines).toBe(1);
    reader.close();
    appendFileSync(file, "");
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines.at(-2)).toBe('{"ack":1}');
  });

  it("lets exactly one claimer rename a file, and hands it back as .jsonl", () => {
    const name = `${segmentBase("0123456789ab", 1, 1, 1)}.jsonl`;
    writeFileSync(path.join(dir, name), "");
    const [file] = listSpoolFiles(dir);
    expect(file).toMatchObject({ state: "free", holder: null, serverKey: "0123456789ab" });
    expect(isClaimable(file!)).toBe(true);
    const claimed = claimFile(file!, 111);
    expect(claimFile(file!, 222)).toBeUndefined();
    expect(listSpoolFiles(dir)[0]).toMatchObject({ state: "replaying", holder: 111 });
    releaseFile(claimed!);
    expect(listSpoolFiles(dir).map((f) => path.basename(f.path))).toEqual([name]);
  });

  it("ignores files that are not spool files and orders segments by name", () => {
    writeFileSync(path.join(dir, "notes.txt"), "");
    writeFileSync(path.join(dir, `${segmentBase("0123456789ab", 2, 1, 1)}.jsonl`), "");
    writeFileSync(path.join(dir, `${segmentBase("0123456789ab", 1, 1, 9)}.writing-${process.ppid}`), "");
    const files = listSpoolFiles(dir);
    expect(files.map((f) => f.state)).toEqual(["writing", "free"]);
    expect(isClaimable(files[0]!)).toBe(false); // held by a live process
    expect(listSpoolFiles(path.join(dir, "missing"))).toEqual([]);
  });
});
