import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { findProcesses, groupAlive, isStackProcess, matchesSignature, parseProcStat, readCmdline } from "./proc";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** A real process whose command line holds `marker`, in its own process group. */
function sleeper(marker: string): ChildProcess {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)", "--", marker], {
    detached: true,
    stdio: "ignore",
  });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.once("exit", resolve));

describe("matchesSignature", () => {
  const cmdline = ["/repo/.venv/bin/python", "/repo/.venv/bin/mlflow", "server", "--port", "5001"];

  it("needs every argument of the signature, as whole arguments", () => {
    expect(matchesSignature(cmdline, ["server", "5001"])).toBe(true);
    expect(matchesSignature(cmdline, ["server", "5002"])).toBe(false);
    expect(matchesSignature(cmdline, ["serve"])).toBe(false);
  });

  it("never matches a gone process or a zombie (no arguments)", () => {
    expect(matchesSignature(undefined, [])).toBe(false);
    expect(matchesSignature([], [])).toBe(false);
  });
});

describe("parseProcStat", () => {
  it("reads state and process group past a command name holding spaces and parentheses", () => {
    expect(parseProcStat("4242 (node (x) y) S 1 4242 4242 0 -1 4194560")).toEqual({ state: "S", pgid: 4242 });
    expect(parseProcStat("77 (mlflow) Z 1 70 70 0")).toEqual({ state: "Z", pgid: 70 });
  });
});

describe("processes of the stack", () => {
  it("a live process is the stack's only while it runs the expected command; a stale pid is not", async () => {
    const marker = `mltrack-proc-test-${process.pid}-${Date.now()}`;
    const child = sleeper(marker);
    const pid = child.pid as number;
    expect(readCmdline(pid)).toContain(marker);
    expect(isStackProcess(pid, [marker])).toBe(true);
    // Alive, but not ours: a recycled pid running something else.
    expect(isStackProcess(pid, ["server", "sqlite:////nowhere/mlflow.db"])).toBe(false);
    expect(findProcesses([marker])).toEqual([pid]);
    expect(groupAlive(pid)).toBe(true);

    child.kill("SIGKILL");
    await exited(child);
    expect(isStackProcess(pid, [marker])).toBe(false);
    expect(findProcesses([marker])).toEqual([]);
    expect(groupAlive(pid)).toBe(false);
  });
});
