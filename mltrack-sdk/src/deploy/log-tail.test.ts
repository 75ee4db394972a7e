import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOG_LINES, readLogTail, readLogTailSync } from "./log-tail";

const dir = mkdtempSync(path.join(tmpdir(), "mltrack-log-tail-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("log tails", () => {
  const file = path.join(dir, "serve.log");
  const lines = Array.from({ length: 300 }, (_, i) => (i % 10 === 0 ? "" : `line ${i}`));
  writeFileSync(file, `${lines.join("\n")}\n`);

  it("keep the last lines, blank ones too unless filtered out", async () => {
    expect(await readLogTail(file)).toEqual(lines.slice(-LOG_LINES));
    expect(readLogTailSync(file, 40)).toEqual(lines.slice(-40));
    expect(await readLogTail(file, LOG_LINES, Boolean)).toEqual(lines.filter(Boolean).slice(-LOG_LINES));
  });

  it("read only the end of a large file", async () => {
    const big = path.join(dir, "big.log");
    writeFileSync(big, `${"x".repeat(1024 * 1024)}\nlast\n`);
    const tail = await readLogTail(big, 2);
    expect(tail[1]).toBe("last");
    expect(tail[0]?.length).toBeLessThan(256 * 1024);
  });

  it("are empty for a file that cannot be read", async () => {
    expect(await readLogTail(path.join(dir, "missing.log"))).toEqual([]);
    expect(readLogTailSync(path.join(dir, "missing.log"), 10)).toEqual([]);
  });
});
