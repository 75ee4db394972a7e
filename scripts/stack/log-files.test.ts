import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { followLogs, readLogTail } from "./log-files";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "mltrack-logs-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`);

describe("readLogTail", () => {
  it("gives the last lines, none for a missing file, and only what follows an offset", () => {
    const file = path.join(scratch(), "ui.log");
    expect(readLogTail(file, 5)).toEqual([]);
    writeFileSync(file, `${lines(1, 100).join("\n")}\n`);
    expect(readLogTail(file, 3)).toEqual(["line 98", "line 99", "line 100"]);
    const offset = Buffer.byteLength(`${lines(1, 98).join("\n")}\n`);
    expect(readLogTail(file, 50, offset)).toEqual(["line 99", "line 100"]);
  });

  it("drops the partial first line of a long file read from its end", () => {
    const file = path.join(scratch(), "mlflow.log");
    writeFileSync(file, `${"x".repeat(300 * 1024)}\n${lines(1, 3).join("\n")}\n`);
    expect(readLogTail(file, 10)).toEqual(lines(1, 3));
  });

  it("keeps the first line of the window when the window starts right after a newline", () => {
    const file = path.join(scratch(), "mlflow.log");
    const window = 256 * 1024;
    const long = "y".repeat(window - "first\n".length - "\nlast\n".length);
    writeFileSync(file, `older\nfirst\n${long}\nlast\n`);
    expect(readLogTail(file, 10)).toEqual(["first", long, "last"]);
  });
});

describe("followLogs", () => {
  it("prints each log's last lines with its prefix, then what is appended, a log that appears later, and a truncated or replaced one from its start", async () => {
    const dir = scratch();
    const [mlflow, ui] = [path.join(dir, "mlflow.log"), path.join(dir, "ui.log")];
    writeFileSync(mlflow, `${lines(1, 60).join("\n")}\n`);
    let out = "";
    const stop = followLogs(
      [
        { prefix: "mlflow", file: mlflow },
        { prefix: "ui", file: ui },
      ],
      50,
      (text) => (out += text),
    );
    cleanups.push(stop);
    expect(out.split("\n").slice(0, 2)).toEqual(["mlflow | line 11", "mlflow | line 12"]);
    expect(out).not.toContain("line 10\n");

    appendFileSync(mlflow, "half a li");
    appendFileSync(ui, "ready\n");
    await vi.waitFor(() => expect(out).toContain("ui     | ready\n"));
    appendFileSync(mlflow, "ne\n");
    await vi.waitFor(() => expect(out).toContain("mlflow | half a line\n"));

    writeFileSync(ui, "new\n");
    await vi.waitFor(() => expect(out).toContain("ui     | new\n"));
    const replacement = path.join(dir, "ui.log.next");
    writeFileSync(replacement, "a new file, longer than the old one\n");
    renameSync(replacement, ui);
    await vi.waitFor(() => expect(out).toContain("ui     | a new file, longer than the old one\n"));
  });
});
