import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../lib/ports";
import { inspectComponent, stackComponents } from "./components";
import type { StackSettings } from "./config";
import { writePidFile } from "./pid-file";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function settings(): Promise<StackSettings> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "mltrack-components-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const [uiPort, mlflowPort] = [await freePort(), await freePort()];
  return {
    uiUrl: `http://127.0.0.1:${uiPort}`,
    uiPort,
    mlflowUrl: `http://127.0.0.1:${mlflowPort}`,
    mlflowPort,
    externalMlflow: false,
    dataDir,
    runDir: path.join(dataDir, "run"),
    logDir: path.join(dataDir, "logs"),
    mlflowDb: path.join(dataDir, "mlflow.db"),
    artifactsDir: path.join(dataDir, "artifacts"),
    // Stands for ui/dist/server.js: the argument the stack's UI process has on its command line.
    uiServerJs: path.join(dataDir, "server.js"),
    authStoreFile: undefined,
  };
}

function runWithArgument(argument: string): ChildProcess {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)", argument], { stdio: "ignore" });
  cleanups.push(() => child.kill("SIGKILL"));
  return child;
}

describe("inspectComponent", () => {
  it("is down on a free port without a pid file", async () => {
    const { ui } = stackComponents(await settings());
    expect(await inspectComponent(ui)).toEqual({ kind: "down", stalePidFile: false });
  });

  it("ignores a pid file whose process is gone, or alive but not the stack's (a recycled pid)", async () => {
    const s = await settings();
    const { ui } = stackComponents(s);
    const other = runWithArgument("something-else.js");
    writePidFile(ui.pidFile, { pid: other.pid as number, port: s.uiPort, startedAt: new Date().toISOString() });
    expect(await inspectComponent(ui)).toEqual({ kind: "down", stalePidFile: true });

    writePidFile(ui.pidFile, { pid: 2 ** 22 + 1, port: s.uiPort, startedAt: new Date().toISOString() });
    expect(await inspectComponent(ui)).toEqual({ kind: "down", stalePidFile: true });

    writeFileSync(ui.pidFile, "not a pid file");
    expect(await inspectComponent(ui)).toEqual({ kind: "down", stalePidFile: true });
  });

  it("trusts a pid file whose process runs the stack's command, and says whether it answers yet", async () => {
    const s = await settings();
    const { ui } = stackComponents(s);
    const ours = runWithArgument(s.uiServerJs);
    const record = { pid: ours.pid as number, port: s.uiPort, startedAt: new Date().toISOString() };
    writePidFile(ui.pidFile, record);
    expect(await inspectComponent(ui)).toEqual({ kind: "stack", record, url: s.uiUrl, healthy: false });
  });

  it("is blocked when something that does not answer as MLflow holds the port", async () => {
    const s = await settings();
    const { mlflow } = stackComponents(s);
    const server: Server = createServer((socket) => socket.end("not http\n"));
    await new Promise<void>((resolve) => server.listen(s.mlflowPort, "127.0.0.1", resolve));
    cleanups.push(() => server.close());
    expect(await inspectComponent(mlflow as NonNullable<typeof mlflow>)).toEqual({ kind: "blocked" });
  });

  it("has no MLflow of its own when MLFLOW_TRACKING_URI names one", async () => {
    const { mlflow, all } = stackComponents({ ...(await settings()), externalMlflow: true });
    expect(mlflow).toBeUndefined();
    expect(all.map((c) => c.name)).toEqual(["ui"]);
  });
});
