import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatPidFile, parsePidFile, readPidFile, removePidFile, writePidFile } from "./pid-file";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("pid files", () => {
  const record = { pid: 4242, port: 5001, startedAt: "2026-01-02T03:04:05.678Z" };

  it("round-trips pid, port and start time", () => {
    expect(parsePidFile(formatPidFile(record))).toEqual(record);
  });

  it.each([
    ["empty", ""],
    ["a bare pid (another tool's format)", "4242\n"],
    ["truncated JSON", '{"pid":4242,"port":50'],
    ["no port", '{"pid":4242,"startedAt":"2026-01-02T03:04:05Z"}'],
    ["pid 1", '{"pid":1,"port":5001,"startedAt":"2026-01-02T03:04:05Z"}'],
    ["a fractional pid", '{"pid":42.5,"port":5001,"startedAt":"2026-01-02T03:04:05Z"}'],
    ["port out of range", '{"pid":4242,"port":70000,"startedAt":"2026-01-02T03:04:05Z"}'],
    ["a start time that is no date", '{"pid":4242,"port":5001,"startedAt":"yesterday"}'],
    ["JSON null", "null"],
  ])("reads %s as no record", (_name, text) => {
    expect(parsePidFile(text)).toBeUndefined();
  });

  it("writes into a folder it creates, reads back, and removal is idempotent", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mltrack-pid-"));
    dirs.push(dir);
    const file = path.join(dir, "run", "ui.pid");
    expect(readPidFile(file)).toBeUndefined();
    writePidFile(file, record);
    expect(readPidFile(file)).toEqual(record);
    writeFileSync(file, "garbage");
    expect(readPidFile(file)).toBeUndefined();
    removePidFile(file);
    removePidFile(file);
    expect(readPidFile(file)).toBeUndefined();
  });
});
