/**
 * Child processes the project starts (MLflow, the UI, scoring servers): each in its own process group
 * so a stop reaches its workers too, with the tail of its output kept for error messages.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last lines the process printed (stdout and stderr). */
  logTail(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Also copy the output to this process's stdout, prefixed with the name. */
  echo?: boolean;
  /** Also append the whole output to this file. */
  logFile?: string;
  tailLines?: number;
}

export function spawnManaged(
  name: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const limit = options.tailLines ?? 200;
  const file = options.logFile ? createWriteStream(options.logFile, { flags: "a" }) : undefined;
  const lines: string[] = [];
  let partial = "";
  const collect = (chunk: Buffer) => {
    file?.write(chunk);
    const text = partial + chunk.toString("utf8");
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      if (options.echo) process.stdout.write(`[${name}] ${line}\n`);
    }
    if (lines.length > limit) lines.splice(0, lines.length - limit);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => {
      file?.end();
      resolve(code ?? signal ?? "unknown");
    });
    child.once("error", (err) => {
      lines.push(`failed to start ${command}: ${err.message}`);
      resolve("spawn-error");
    });
  });

  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };

  return {
    name,
    child,
    exited,
    logTail: () => [...lines, partial].filter(Boolean).join("\n"),
    async stop(graceMs = 5_000) {
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 2xx; fails early if `process` exits, and after `timeoutMs`. */
export async function waitForHttp(url: string, process_: ManagedProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: number | string | undefined;
  void process_.exited.then((code) => (exitedWith = code));
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) {
      throw new Error(`${process_.name} exited (${exitedWith}) before ${url} answered:\n${process_.logTail()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // Not up yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${process_.name} did not answer ${url} within ${timeoutMs} ms:\n${process_.logTail()}`);
}
