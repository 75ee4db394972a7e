/**
 * `scripts/stack.ts` (`make start|status|logs|stop|mlflow-clean`) against real processes: the real
 * `mlflow server` and the built UI (ui/dist/server.js: `make build` first), started by the command
 * itself as a child of this test, on a temporary MLTRACK_DATA_DIR and free ports. PORT moves the UI;
 * MLTRACK_STACK_MLFLOW_PORT moves the stack's own MLflow (MLFLOW_TRACKING_URI would mean "an external
 * MLflow: start none", so it is unset here). The commands run through the tsx binary, as `npx tsx` does.
 *
 * The terminal question of mlflow-clean runs in a pseudo-terminal from util-linux's `script`.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { repoRoot } from "../../scripts/lib/paths";
import { freePort } from "../../scripts/lib/ports";
import { parsePidFile, type PidRecord } from "../../scripts/stack/pid-file";
import { groupAlive, parseProcStat } from "../../scripts/stack/proc";
import { canBind, killGroup } from "../support/processes";

const execFileAsync = promisify(execFile);
const TSX = path.join(repoRoot, "node_modules", ".bin", "tsx");
const dataDir = mkdtempSync(path.join(tmpdir(), "mltrack-stack-"));
const runDir = path.join(dataDir, "run");
let env: NodeJS.ProcessEnv;
let uiPort: number;
let mlflowPort: number;
let uiUrl: string;
let mlflowUrl: string;
/** Every process group this file started, killed at the end whatever happened. */
const groups = new Set<number>();

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function stack(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<Result> {
  try {
    const { stdout, stderr } = await execFileAsync(TSX, ["scripts/stack.ts", ...args], {
      cwd: repoRoot,
      env: options.env ?? env,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** The command in a pseudo-terminal (`script`), `input` typed into it. */
function stackInTerminal(args: string[], input: string): Promise<Result> {
  return new Promise((resolve) => {
    const command = [TSX, "scripts/stack.ts", ...args].map((arg) => `'${arg}'`).join(" ");
    const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: repoRoot, env, detached: true });
    groups.add(child.pid as number);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(input);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function pidRecord(name: "mlflow" | "ui"): PidRecord | undefined {
  const file = path.join(runDir, `${name}.pid`);
  return existsSync(file) ? parsePidFile(readFileSync(file, "utf8")) : undefined;
}

function processGroupOf(pid: number): number | undefined {
  return parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"))?.pgid;
}

beforeAll(async () => {
  if (!existsSync(path.join(repoRoot, "ui", "dist", "server.js"))) {
    throw new Error("ui/dist/server.js is missing: build the UI first (make build).");
  }
  [uiPort, mlflowPort] = [await freePort(), await freePort()];
  uiUrl = `http://127.0.0.1:${uiPort}`;
  mlflowUrl = `http://127.0.0.1:${mlflowPort}`;
  env = {
    ...process.env,
    MLTRACK_DATA_DIR: dataDir,
    PORT: String(uiPort),
    MLTRACK_STACK_MLFLOW_PORT: String(mlflowPort),
    MLTRACK_DEPLOY_DIR: path.join(dataDir, "deployments"),
  };
  delete env.MLFLOW_TRACKING_URI;
});

afterAll(() => {
  for (const name of ["mlflow", "ui"] as const) {
    const record = pidRecord(name);
    if (record) groups.add(record.pid);
  }
  for (const pgid of groups) killGroup(pgid);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the background stack", () => {
  let mlflow: PidRecord;
  let ui: PidRecord;

  it("start runs MLflow and the UI as detached process groups that outlive the command", async () => {
    const started = await stack(["start"]);
    expect(started.stderr).toBe("");
    expect(started.code).toBe(0);
    expect(started.stdout).toContain(`MLTrack UI   ${uiUrl}`);
    expect(started.stdout).toContain(`MLflow       ${mlflowUrl}`);

    mlflow = pidRecord("mlflow") as PidRecord;
    ui = pidRecord("ui") as PidRecord;
    expect(mlflow).toMatchObject({ port: mlflowPort });
    expect(ui).toMatchObject({ port: uiPort });
    for (const record of [mlflow, ui]) {
      groups.add(record.pid);
      // The command has exited; each server still runs, leading its own process group.
      expect(processGroupOf(record.pid)).toBe(record.pid);
      expect(groupAlive(record.pid)).toBe(true);
    }
    expect((await fetch(`${mlflowUrl}/health`)).status).toBe(200);
    expect(await (await fetch(`${uiUrl}/api/health`)).json()).toEqual({ status: "ok" });
    expect(readFileSync(path.join(dataDir, "logs", "mlflow.log"), "utf8")).toContain("Uvicorn running");
    expect(existsSync(path.join(dataDir, "mlflow.db"))).toBe(true);
  });

  it("status reports both with pid, port and health, and no local deployments", async () => {
    const status = await stack(["status"]);
    expect(status.code).toBe(0);
    const lines = status.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^MLflow\\s+running, pid ${mlflow.pid}, ${mlflowUrl}, healthy \\(started `));
    expect(lines[1]).toMatch(
      new RegExp(`^UI\\s+running, pid ${ui.pid}, ${uiUrl}, healthy \\(started .*\\), reaches MLflow at ${mlflowUrl}$`),
    );
    expect(lines[2]).toMatch(/^Deployments\s+no local deployments running\.$/);
  });

  it("the UI reaches the stack's MLflow: an experiment created through its gateway is in MLflow", async () => {
    const name = `stack-${Date.now()}`;
    const created = await fetch(`${uiUrl}/api/2.0/mlflow/experiments/create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name }),
    });
    expect(created.status).toBe(200);
    const { experiment_id: id } = (await created.json()) as { experiment_id: string };
    const read = await fetch(`${mlflowUrl}/api/2.0/mlflow/experiments/get?experiment_id=${id}`);
    expect(((await read.json()) as { experiment: { name: string } }).experiment.name).toBe(name);
  });

  it("a second start changes nothing", async () => {
    const again = await stack(["start"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`MLflow: already running (pid ${mlflow.pid})`);
    expect(again.stdout).toContain(`UI: already running (pid ${ui.pid})`);
    expect([pidRecord("mlflow"), pidRecord("ui")]).toEqual([mlflow, ui]);
  });

  it("another data folder finds the servers answering but not its own: start reuses them, stop refuses, no logs", async () => {
    const otherDir = mkdtempSync(path.join(tmpdir(), "mltrack-stack-other-"));
    try {
      const other = { ...env, MLTRACK_DATA_DIR: otherDir };
      // None of these changes anything here, so they run side by side.
      const [status, started, stopped, logs] = await Promise.all([
        stack(["status"], { env: other }),
        stack(["start"], { env: other }),
        stack(["stop"], { env: other }),
        stack(["logs"], { env: other }),
      ]);
      expect(status.stdout).toMatch(/^MLflow\s+answering but not started by the stack/m);
      expect(status.stdout).toMatch(/^UI\s+answering but not started by the stack/m);
      expect(started.code).toBe(0);
      expect(started.stdout).toContain(`MLflow: ${mlflowUrl} already answers, not started by the stack`);
      expect(started.stdout).toContain(`UI: ${uiUrl} already answers, not started by the stack`);
      expect(existsSync(path.join(otherDir, "run", "mlflow.pid"))).toBe(false);
      expect(stopped.code).toBe(1);
      expect(stopped.stderr).toContain("not started by the stack");
      expect(groupAlive(mlflow.pid) && groupAlive(ui.pid)).toBe(true);
      expect(logs.code).toBe(0);
      expect(logs.stdout).toMatch(/^No logs yet .*: start the stack with `make start`\.$/m);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it("logs ui follows the UI's log with a prefix, and nothing of MLflow's", async () => {
    const child = spawn(TSX, ["scripts/stack.ts", "logs", "ui"], { cwd: repoRoot, env, detached: true });
    groups.add(child.pid as number);
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    try {
      // The line `start` wrote into ui.log before the server's own output.
      await vi.waitFor(
        () => expect(out).toMatch(new RegExp(`^ui \\| --- .* make start: UI on port ${uiPort} ---$`, "m")),
        {
          timeout: 30_000,
          interval: 200,
        },
      );
      expect(out).not.toContain("mlflow |");
    } finally {
      killGroup(child.pid as number);
    }
  });

  it("mlflow-clean refuses while the stack's MLflow runs", async () => {
    const refused = await stack(["mlflow-clean", "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`MLflow (pid ${mlflow.pid}) is running on`);
    expect(refused.stderr).toContain("`make stop` first");
    expect(existsSync(path.join(dataDir, "mlflow.db"))).toBe(true);
  });

  it("stop stops both: processes gone, ports free, pid files removed; a second stop has nothing to do", async () => {
    const stopped = await stack(["stop"]);
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain(`Stopped UI (pid ${ui.pid}, port ${uiPort})`);
    expect(stopped.stdout).toContain(`Stopped MLflow (pid ${mlflow.pid}, port ${mlflowPort})`);
    expect(groupAlive(mlflow.pid)).toBe(false);
    expect(groupAlive(ui.pid)).toBe(false);
    expect(await canBind(uiPort)).toBe(true);
    expect(await canBind(mlflowPort)).toBe(true);
    expect(existsSync(path.join(runDir, "mlflow.pid"))).toBe(false);
    expect(existsSync(path.join(runDir, "ui.pid"))).toBe(false);

    const again = await stack(["stop"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing to stop");
  });

  it("mlflow-clean keeps everything on n, refuses without a terminal, and deletes with --yes (logs kept)", async () => {
    const db = path.join(dataDir, "mlflow.db");
    const artifacts = path.join(dataDir, "artifacts");

    const [kept, noTerminal] = await Promise.all([stackInTerminal(["mlflow-clean"], "n\n"), stack(["mlflow-clean"])]);
    expect(kept.stdout).toMatch(/Delete .*mlflow\.db \(\d.*\), .*artifacts\/ \(\d.*\)\? \[y\/N\]/);
    expect(kept.stdout).toContain("Kept everything.");
    expect(kept.code).toBe(0);
    expect(existsSync(db) && existsSync(artifacts)).toBe(true);

    expect(noTerminal.code).toBe(1);
    expect(noTerminal.stderr).toContain("there is no terminal to ask on. Pass --yes");
    expect(existsSync(db)).toBe(true);

    const deleted = await stack(["mlflow-clean", "--yes"]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(/^Deleted .*mlflow\.db \(\d+(\.\d)? [KM]B\)$/m);
    expect(deleted.stdout).toMatch(/^Deleted .*artifacts\/ \(\d+(\.\d)? (B|KB)\)$/m);
    expect(existsSync(db) || existsSync(artifacts)).toBe(false);
    expect(existsSync(path.join(dataDir, "logs", "ui.log"))).toBe(true);
  });
});
