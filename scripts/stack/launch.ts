/**
 * Starts one of the stack's servers as a detached process group that outlives this command: output
 * appended to its log file (a pipe would break once this command exits), pid file written at once (so
 * `make stop` finds a server that is still starting), then waits until its health URL answers.
 *
 * The command lines come from scripts/lib/{mlflow-server,ui-server}.ts, whose own start functions keep
 * their servers as children of the process that starts them (`make dev`, tests).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import path from "node:path";
import { mlflowServerCommand } from "../lib/mlflow-server";
import { venvBin } from "../lib/paths";
import { uiServerCommand } from "../lib/ui-server";
import { componentUrl, logName, type Component } from "./components";
import { shown, type StackSettings } from "./config";
import { StackError } from "./errors";
import { readLogTail } from "./log-files";
import { removePidFile, writePidFile, type PidRecord } from "./pid-file";
import { groupAlive } from "./proc";
import { stopGroup } from "./stop-group";

interface Command {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/** `mlflow server` on the SQLite database and artifacts folder `make dev` uses. */
export function mlflowCommand(settings: StackSettings, host: string, port: number): Command {
  const mlflow = venvBin("mlflow");
  if (!existsSync(mlflow)) throw new StackError(`${shown(mlflow)} is missing: run \`make install\` first.`);
  return {
    ...mlflowServerCommand({ dataDir: settings.dataDir, host, port }),
    cwd: settings.dataDir,
    timeoutMs: 180_000,
  };
}

/** The production UI (`node ui/dist/server.js`) in front of `mlflowUrl`. */
export function uiCommand(settings: StackSettings, mlflowUrl: string): Command {
  if (!existsSync(settings.uiServerJs)) {
    throw new StackError(`${shown(settings.uiServerJs)} is missing: build the UI first (\`make build\`).`);
  }
  const env = settings.authStoreFile
    ? // The server runs in ui/: a relative store path would land there instead of the repository root.
      { MLTRACK_AUTH_STORE_URL: `sqlite:${settings.authStoreFile}` }
    : undefined;
  return {
    ...uiServerCommand({ mlflowUrl, port: settings.uiPort, ...(env ? { env } : {}) }),
    timeoutMs: 120_000,
  };
}

export async function launch(component: Component, command: Command): Promise<PidRecord> {
  mkdirSync(path.dirname(component.logFile), { recursive: true });
  const offset = existsSync(component.logFile) ? statSync(component.logFile).size : 0;
  const startedAt = new Date();
  appendFileSync(
    component.logFile,
    `--- ${startedAt.toISOString()} make start: ${component.label} on port ${component.port} ---\n`,
  );
  const child = spawnDetached(command, component.logFile);
  let spawnError: Error | undefined;
  child.on("error", (err) => (spawnError = err));
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new StackError(`Could not start ${command.command}.`);
  const record = { pid, port: component.port, startedAt: startedAt.toISOString() };
  writePidFile(component.pidFile, record);

  const url = componentUrl(component, component.port);
  const deadline = Date.now() + command.timeoutMs;
  for (;;) {
    if (await component.answers(url)) return record;
    const exited = spawnError ?? child.exitCode ?? child.signalCode ?? (groupAlive(pid) ? undefined : "gone");
    const late = Date.now() > deadline;
    if (exited !== undefined || late) {
      await stopGroup(pid);
      removePidFile(component.pidFile);
      const why =
        exited instanceof Error
          ? `could not run ${command.command}: ${exited.message}`
          : exited !== undefined
            ? `it exited (${exited}) before ${url}${component.healthPath} answered`
            : `${url}${component.healthPath} did not answer within ${command.timeoutMs / 1000} s`;
      const tail = readLogTail(component.logFile, 30, offset);
      throw new StackError(
        `${component.label} did not start: ${why}.\nLast lines of ${logName(component)}:\n${tail.map((l) => `  ${l}`).join("\n") || "  (empty)"}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function spawnDetached(command: Command, logFile: string): ChildProcess {
  const fd = openSync(logFile, "a");
  try {
    return spawn(command.command, command.args, {
      cwd: command.cwd,
      env: command.env,
      detached: true,
      stdio: ["ignore", fd, fd],
    });
  } finally {
    closeSync(fd);
  }
}
