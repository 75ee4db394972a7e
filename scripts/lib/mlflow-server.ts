/** A real `mlflow server` from the project's .venv: SQLite backend, proxied artifacts, loopback only. */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { spawnManaged, waitForHttp, type ManagedProcess } from "./processes";
import { venvBin } from "./paths";

export interface MlflowServer {
  url: string;
  dataDir: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export interface MlflowServerOptions {
  /** Holds mlflow.db and artifacts/. */
  dataDir: string;
  host?: string;
  port: number;
  workers?: number;
  echo?: boolean;
  /** Append the server's output (its access log included) to this file. */
  logFile?: string;
  startTimeoutMs?: number;
}

export async function startMlflowServer(options: MlflowServerOptions): Promise<MlflowServer> {
  const mlflow = venvBin("mlflow");
  if (!existsSync(mlflow)) {
    throw new Error(`${mlflow} is missing: run \`make install\` (it creates .venv with MLflow).`);
  }
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.join(dataDir, "artifacts"), { recursive: true });
  const host = options.host ?? "127.0.0.1";
  const args = [
    "server",
    "--backend-store-uri",
    `sqlite:///${path.join(dataDir, "mlflow.db")}`,
    "--artifacts-destination",
    path.join(dataDir, "artifacts"),
    "--serve-artifacts",
    "--host",
    host,
    "--port",
    String(options.port),
    "--workers",
    String(options.workers ?? 1),
  ];
  const process_ = spawnManaged("mlflow", mlflow, args, {
    env: {
      // MLflow 3.18 starts ~9 job-runner processes (huey consumers for its GenAI scorer jobs), each
      // importing mlflow: a minute of CPU per start on 2 cores, for a feature MLTrack does not use.
      MLFLOW_SERVER_ENABLE_JOB_EXECUTION: "false",
      ...process.env,
      MLFLOW_DISABLE_TELEMETRY: "true",
      DO_NOT_TRACK: "true",
    },
    echo: options.echo ?? false,
    ...(options.logFile ? { logFile: options.logFile } : {}),
  });
  const url = `http://${host}:${options.port}`;
  try {
    await waitForHttp(`${url}/health`, process_, options.startTimeoutMs ?? 120_000);
  } catch (err) {
    await process_.stop();
    const text = err instanceof Error ? err.message : String(err);
    throw new Error(
      /address already in use|Errno 98/i.test(text)
        ? `Port ${options.port} is already in use: MLflow could not start.\n${text}`
        : text,
    );
  }
  return { url, dataDir, process: process_, stop: () => process_.stop() };
}
