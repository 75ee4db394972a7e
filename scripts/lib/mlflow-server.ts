/**
 * A real `mlflow server` from the project's .venv: SQLite backend, proxied artifacts, loopback only;
 * optionally with MLflow's basic-auth app (`--app-name basic-auth`) and its own auth config.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
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
  /** Turns on MLflow's basic-auth app, configured by an ini file written into `dataDir`. */
  auth?: MlflowAuthOptions;
}

/** What a resource's user gets when nobody granted them anything (`default_permission`). */
export type MlflowDefaultPermission = "READ" | "USE" | "EDIT" | "MANAGE" | "NO_PERMISSIONS";

export interface MlflowAuthOptions {
  /** Created as an admin on the first start against an empty auth database. */
  adminUsername: string;
  /** At least 12 characters, and not MLflow's old default `password1234` (MLflow refuses both). */
  adminPassword: string;
  defaultPermission: MlflowDefaultPermission;
  /** CSRF key of the auth app (MLFLOW_FLASK_SERVER_SECRET_KEY). Default: random per start. */
  secretKey?: string;
}

/** `basic_auth.ini` and `basic_auth.db` live in the data dir, next to mlflow.db. */
export function writeAuthConfig(dataDir: string, auth: MlflowAuthOptions): string {
  const values = {
    default_permission: auth.defaultPermission,
    database_uri: `sqlite:///${path.join(dataDir, "basic_auth.db")}`,
    admin_username: auth.adminUsername,
    admin_password: auth.adminPassword,
    authorization_function: "mlflow.server.auth:authenticate_request_basic_auth",
  };
  const lines = ["[mlflow]"];
  for (const [key, value] of Object.entries(values)) {
    // configparser strips surrounding whitespace, ends a value at a newline and expands `%`.
    if (value === "" || value !== value.trim() || /[\r\n]/.test(value)) {
      throw new Error(`MLflow auth setting ${key} must be non-empty, on one line, without surrounding spaces.`);
    }
    lines.push(`${key} = ${value.replaceAll("%", "%%")}`);
  }
  const file = path.join(dataDir, "basic_auth.ini");
  writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
  return file;
}

/** What `mlflow server` runs with: the same for `make dev`, `make start` (scripts/stack) and the tests. */
export interface MlflowServerCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * The command line of a SQLite-backed `mlflow server` with proxied artifacts under `dataDir` (created
 * here), and its environment; `auth` adds MLflow's basic-auth app.
 */
export function mlflowServerCommand(
  options: Pick<MlflowServerOptions, "dataDir" | "host" | "port" | "workers" | "auth">,
): MlflowServerCommand {
  const mlflow = venvBin("mlflow");
  if (!existsSync(mlflow)) {
    throw new Error(`${mlflow} is missing: run \`make install\` (it creates .venv with MLflow).`);
  }
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.join(dataDir, "artifacts"), { recursive: true });
  const args = [
    "server",
    "--backend-store-uri",
    `sqlite:///${path.join(dataDir, "mlflow.db")}`,
    "--artifacts-destination",
    path.join(dataDir, "artifacts"),
    "--serve-artifacts",
    "--host",
    options.host ?? "127.0.0.1",
    "--port",
    String(options.port),
    "--workers",
    String(options.workers ?? 1),
  ];
  const authEnv: Record<string, string> = {};
  if (options.auth) {
    args.push("--app-name", "basic-auth");
    authEnv.MLFLOW_AUTH_CONFIG_PATH = writeAuthConfig(dataDir, options.auth);
    authEnv.MLFLOW_FLASK_SERVER_SECRET_KEY = options.auth.secretKey ?? randomBytes(32).toString("hex");
  }
  const inherited = { ...process.env };
  // Set, these would override the admin of the config file (MLflow reads them first).
  delete inherited.MLFLOW_AUTH_ADMIN_USERNAME;
  delete inherited.MLFLOW_AUTH_ADMIN_PASSWORD;
  return {
    command: mlflow,
    args,
    env: {
      // MLflow 3.18 starts ~9 job-runner processes (huey consumers for its GenAI scorer jobs), each
      // importing mlflow: a minute of CPU per start on 2 cores, for a feature MLTrack does not use.
      MLFLOW_SERVER_ENABLE_JOB_EXECUTION: "false",
      ...(options.auth ? inherited : process.env),
      MLFLOW_DISABLE_TELEMETRY: "true",
      DO_NOT_TRACK: "true",
      ...authEnv,
    },
  };
}

export async function startMlflowServer(options: MlflowServerOptions): Promise<MlflowServer> {
  const dataDir = path.resolve(options.dataDir);
  const host = options.host ?? "127.0.0.1";
  const { command, args, env } = mlflowServerCommand(options);
  const process_ = spawnManaged("mlflow", command, args, {
    env,
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
