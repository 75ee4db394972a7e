/**
 * The local target: MLflow's scoring server (`mlflow models serve --env-manager local`) from the
 * project's .venv on a free loopback port, as a detached process group that outlives the CLI and a UI
 * restart; its record keeps pid, port, log file and host so any later process can probe or stop it.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { DeployError } from "../errors";
import { LOG_LINES, readLogTail, readLogTailSync } from "../log-tail";
import { resolvePythonTool } from "../python-bin";
import { invokeScoringServer, pingOnce, sleep, waitForPing } from "../scoring";
import type { DeployTarget, Deployment, InvokeRequest, LocalConfig } from "../types";

const HOST = "127.0.0.1";
const STOP_GRACE_MS = 10_000;

export interface LocalTargetOptions {
  /** The `mlflow` executable; default resolvePythonTool("mlflow"). */
  mlflowBin?: string;
  /** Environment of the scoring server; default this process's. */
  env?: NodeJS.ProcessEnv;
}

/** What a local deployment's record keeps in `runtime`. */
export interface LocalRuntime {
  pid: number;
  port: number;
  logFile: string;
  hostname: string;
}

export function createLocalTarget(options: LocalTargetOptions = {}): DeployTarget<"local"> {
  return {
    name: "local",
    async start(deployment, config, ctx) {
      await ctx.update({
        status: "building",
        message: `Downloading models:/${deployment.modelName}/${deployment.modelVersion}`,
      });
      const modelDir = await ctx.modelDir();
      await mkdir(ctx.workDir, { recursive: true });
      const logFile = path.join(ctx.workDir, "serve.log");
      const mlflowBin = options.mlflowBin ?? resolvePythonTool("mlflow");
      for (let attempt = 1; ; attempt++) {
        const port = await freeLoopbackPort();
        const child = spawnServer(mlflowBin, modelDir, port, config, logFile, options.env);
        const pid = child.pid as number;
        const url = `http://${HOST}:${port}`;
        try {
          await ctx.update({
            status: "starting",
            message: `mlflow models serve: pid ${pid} on ${url}${attempt > 1 ? " (second port)" : ""}`,
            endpointUrl: url,
            runtime: { pid, port, logFile, hostname: os.hostname() } satisfies LocalRuntime,
          });
        } catch (err) {
          // Not recorded (MLflow unreachable): nobody could find this process again, so it goes now.
          if (!ctx.signal.aborted) signalGroup(pid, "SIGKILL");
          throw err;
        }
        const outcome = await waitForPing(url, {
          timeoutMs: config.startupTimeoutSeconds * 1000,
          signal: ctx.signal,
          alive: () => child.exitCode === null && child.signalCode === null,
        });
        if (outcome === "ready") {
          await ctx.update({ status: "ready", message: `Ready: ${url}/ping answers`, endpointUrl: url });
          return;
        }
        const tail = readLogTailSync(logFile, 40).join("\n");
        const exit = child.exitCode ?? child.signalCode;
        if (/address already in use/i.test(tail) && attempt === 1) {
          await ctx.update({ message: `Port ${port} was taken before the server bound it; trying another port` });
          continue;
        }
        throw new DeployError(
          "INTERNAL_ERROR",
          `mlflow models serve exited (${exit}) before ${url}/ping answered:\n${tail}`,
          {
            hint: /address already in use/i.test(tail)
              ? "Two free ports were taken by other processes before the server bound them: deploy again, and look for processes grabbing loopback ports."
              : `The log says why it stopped. With --env-manager local the model's libraries must be installed in the environment of ${mlflowBin}.`,
          },
        );
      }
    },

    async stop(deployment) {
      const runtime = localRuntime(deployment);
      if (!runtime) return;
      if (runtime.hostname !== os.hostname()) {
        throw new DeployError(
          "RESOURCE_CONFLICT",
          `Deployment ${deployment.id} runs on host ${runtime.hostname}; stop it there.`,
        );
      }
      // The group (mlflow and the uvicorn it runs) is ours while its leader is the scoring server, or
      // once the leader is gone and members remain: Linux never hands out a pid in use as a group id.
      if (isScoringServer(runtime.pid) || (!isAlive(runtime.pid) && groupAlive(runtime.pid))) {
        signalGroup(runtime.pid, "SIGTERM");
        const deadline = Date.now() + STOP_GRACE_MS;
        while (groupAlive(runtime.pid) && Date.now() < deadline) await sleep(100);
        if (groupAlive(runtime.pid)) {
          signalGroup(runtime.pid, "SIGKILL");
          while (groupAlive(runtime.pid) && Date.now() < deadline + 5_000) await sleep(100);
        }
      }
      // Workers may hold the socket a moment after the leader has gone.
      const deadline = Date.now() + 5_000;
      while (!(await portIsFree(runtime.port))) {
        if (Date.now() > deadline) {
          throw new DeployError(
            "INTERNAL_ERROR",
            `Port ${runtime.port} is still in use after stopping pid ${runtime.pid}.`,
            {
              hint: `Find what holds it (lsof -i :${runtime.port}) and stop it.`,
            },
          );
        }
        await sleep(200);
      }
    },

    async probe(deployment) {
      const runtime = localRuntime(deployment);
      if (!runtime) return "gone";
      if (runtime.hostname !== os.hostname()) {
        throw new DeployError("RESOURCE_CONFLICT", `Deployment ${deployment.id} runs on host ${runtime.hostname}.`);
      }
      if (!isAlive(runtime.pid)) return "gone";
      return (await pingOnce(`http://${HOST}:${runtime.port}/ping`)) ? "ready" : "gone";
    },

    invoke(deployment: Deployment, request: InvokeRequest) {
      const runtime = localRuntime(deployment);
      if (!runtime) throw new DeployError("RESOURCE_CONFLICT", `Deployment ${deployment.id} has no running server.`);
      return invokeScoringServer(`http://${HOST}:${runtime.port}`, request);
    },

    async logs(deployment) {
      const runtime = localRuntime(deployment);
      return runtime ? readLogTail(runtime.logFile, LOG_LINES) : [];
    },
  };
}

function spawnServer(
  mlflowBin: string,
  modelDir: string,
  port: number,
  config: LocalConfig,
  logFile: string,
  env: NodeJS.ProcessEnv | undefined,
) {
  const args = ["models", "serve", "-m", modelDir, "--env-manager", "local", "-h", HOST, "-p", String(port)];
  args.push("-t", String(config.timeoutSeconds), "-w", "1");
  const fd = openSync(logFile, "a");
  try {
    const child = spawn(mlflowBin, args, {
      detached: true,
      stdio: ["ignore", fd, fd],
      env: serverEnv(mlflowBin, env ?? process.env),
    });
    child.on("error", () => undefined); // ENOENT shows as an exit before /ping (the log says nothing; see below)
    child.unref();
    if (child.pid === undefined) {
      throw new DeployError("INTERNAL_ERROR", `Could not start ${mlflowBin}: not found or not executable.`, {
        hint: "Install MLflow in the project's .venv, or point MLTRACK_VENV at a virtualenv that has it.",
      });
    }
    return child;
  } finally {
    closeSync(fd);
  }
}

/**
 * As in an activated virtualenv: its bin folder first on PATH, since `mlflow models serve` runs
 * `bash -c "exec uvicorn ..."` and finds uvicorn by name.
 */
function serverEnv(mlflowBin: string, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, MLFLOW_DISABLE_TELEMETRY: "true", DO_NOT_TRACK: "true" };
  if (path.isAbsolute(mlflowBin)) {
    const bin = path.dirname(mlflowBin);
    env.PATH = [bin, ...(base.PATH ?? "").split(path.delimiter).filter((p) => p && p !== bin)].join(path.delimiter);
  }
  return env;
}

function localRuntime(deployment: Deployment): LocalRuntime | undefined {
  const r = deployment.runtime as Partial<LocalRuntime>;
  if (typeof r.pid !== "number" || typeof r.port !== "number" || typeof r.logFile !== "string") return undefined;
  return {
    pid: r.pid,
    port: r.port,
    logFile: r.logFile,
    hostname: typeof r.hostname === "string" ? r.hostname : os.hostname(),
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether any process of the group led by `pgid` still exists. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Guards against a recycled pid: on Linux the process must still be `mlflow models serve`. */
function isScoringServer(pid: number): boolean {
  if (!isAlive(pid)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync("/proc/self/cmdline")) return true;
  try {
    const args = readFileSync(cmdline, "utf8").split("\0");
    return args.includes("models") && args.includes("serve");
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** A port the OS just handed out on 127.0.0.1 (free when this resolves). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}
