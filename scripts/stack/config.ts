/**
 * The stack's settings: stackConfig() plus the port of the MLflow the stack starts itself.
 *
 * That port is MLFLOW_TRACKING_URI's default (ui/lib/env.ts), unless MLTRACK_STACK_MLFLOW_PORT moves
 * it: setting MLFLOW_TRACKING_URI instead would mean "use that server, start none" (externalMlflow).
 */
import path from "node:path";
import { repoRoot, uiDir } from "../lib/paths";
import { stackConfig, type StackConfig } from "../lib/stack-config";
import { StackError } from "./errors";

export const MLFLOW_PORT_SETTING = "MLTRACK_STACK_MLFLOW_PORT";

export interface StackSettings extends StackConfig {
  mlflowPort: number;
  mlflowDb: string;
  artifactsDir: string;
  /** The production UI that `make build` writes. */
  uiServerJs: string;
  /** Team mode's SQLite auth store (MLTRACK_AUTH_STORE_URL, from the repository root); none for PostgreSQL. */
  authStoreFile: string | undefined;
}

export async function stackSettings(): Promise<StackSettings> {
  const config = await stackConfig().catch((err: unknown) => {
    throw new StackError(err instanceof Error ? err.message : String(err));
  });
  const override = process.env[MLFLOW_PORT_SETTING]?.trim();
  let mlflowUrl = config.mlflowUrl;
  if (override) {
    const port = Number(override);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new StackError(`${MLFLOW_PORT_SETTING} must be a port number (1-65535), not ${JSON.stringify(override)}.`);
    }
    if (config.externalMlflow) {
      throw new StackError(
        `${MLFLOW_PORT_SETTING} moves the MLflow the stack starts, but MLFLOW_TRACKING_URI is set, so it starts none: unset one of them.`,
      );
    }
    mlflowUrl = `http://127.0.0.1:${port}`;
  }
  const { env } = await import("../../ui/lib/env");
  const url = new URL(mlflowUrl);
  return {
    ...config,
    mlflowUrl: mlflowUrl.replace(/\/+$/, ""),
    mlflowPort: Number(url.port) || (url.protocol === "https:" ? 443 : 80),
    mlflowDb: path.join(config.dataDir, "mlflow.db"),
    artifactsDir: path.join(config.dataDir, "artifacts"),
    uiServerJs: path.join(uiDir, "dist", "server.js"),
    authStoreFile: sqliteFile(env.MLTRACK_AUTH_STORE_URL),
  };
}

/**
 * The file a `sqlite:` store URL names, read as ui/features/auth/server/store does (`sqlite:<path>`,
 * SQLAlchemy's `sqlite:///relative` and `sqlite:////absolute`), relative to where `make` runs.
 */
export function sqliteFile(url: string): string | undefined {
  if (!url.startsWith("sqlite:")) return undefined;
  const rest = url.slice("sqlite:".length);
  const file = rest.startsWith("///") ? rest.slice(3) : rest.startsWith("//") ? "" : rest;
  return file === "" ? undefined : path.resolve(repoRoot, file);
}

/** A path as the user would type it from the repository root. */
export function shown(file: string): string {
  const relative = path.relative(repoRoot, file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}
