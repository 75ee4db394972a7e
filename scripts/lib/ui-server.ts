/** The MLTrack UI through its own server (ui/server.ts): the production build, or `--dev`. */
import { existsSync } from "node:fs";
import path from "node:path";
import { repoRoot, uiDir } from "./paths";
import { spawnManaged, waitForHttp, type ManagedProcess } from "./processes";

export interface UiServer {
  url: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export interface UiServerOptions {
  mlflowUrl: string;
  port: number;
  dev?: boolean;
  echo?: boolean;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

/** What the UI's server runs with: the same for `make dev`, `make start` (scripts/stack) and the tests. */
export interface UiServerCommand {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** `node ui/dist/server.js` (the production build), or `tsx ui/server.ts --dev`, in front of `mlflowUrl`. */
export function uiServerCommand(options: Omit<UiServerOptions, "echo" | "startTimeoutMs">): UiServerCommand {
  const built = path.join(uiDir, "dist", "server.js");
  if (!options.dev && !existsSync(built)) {
    throw new Error(`${built} is missing: build the UI first (npm run build).`);
  }
  const [command, args] = options.dev
    ? [path.join(repoRoot, "node_modules", ".bin", "tsx"), [path.join(uiDir, "server.ts"), "--dev"]]
    : [process.execPath, [built]];
  return {
    command,
    args,
    cwd: uiDir,
    env: {
      ...process.env,
      NODE_ENV: options.dev ? "development" : "production",
      MLFLOW_TRACKING_URI: options.mlflowUrl,
      MLTRACK_HOST: "127.0.0.1",
      PORT: String(options.port),
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
  };
}

export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const { command, args, cwd, env } = uiServerCommand(options);
  const process_ = spawnManaged("ui", command, args, { cwd, env, echo: options.echo ?? false });
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForHttp(`${url}/api/health`, process_, options.startTimeoutMs ?? 120_000);
  } catch (err) {
    await process_.stop();
    throw err;
  }
  return { url, process: process_, stop: () => process_.stop() };
}
