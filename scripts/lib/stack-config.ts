/**
 * Where the background stack (`make start`) and the demos find things: the UI and MLflow URLs from the
 * same configuration `make dev` reads (.env, then the environment, then ui/lib/env.ts's defaults),
 * and the data, pid and log folders under ./.mltrack/.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./paths";

export interface StackConfig {
  /** The MLTrack UI; also the MLflow tracking URI the demos log through (its gateway). */
  uiUrl: string;
  uiPort: number;
  /** The MLflow server the UI talks to. */
  mlflowUrl: string;
  /** True when MLFLOW_TRACKING_URI names a server of someone else's: the stack starts no MLflow. */
  externalMlflow: boolean;
  /** MLflow's SQLite database and artifacts (`make dev` uses the same folder). */
  dataDir: string;
  /** Pid files of the background processes. */
  runDir: string;
  /** Their logs. */
  logDir: string;
}

let loaded = false;
function loadDotEnv(): void {
  if (loaded) return;
  loaded = true;
  const envFile = path.join(repoRoot, ".env");
  if (existsSync(envFile)) process.loadEnvFile(envFile);
}

export async function stackConfig(): Promise<StackConfig> {
  loadDotEnv();
  const external = Boolean(process.env.MLFLOW_TRACKING_URI?.trim());
  // Validates the configuration and supplies the defaults, so there is one default per setting.
  const { env } = await import("../../ui/lib/env");
  const dataDir = path.resolve(process.env.MLTRACK_DATA_DIR?.trim() || path.join(repoRoot, ".mltrack"));
  return {
    uiUrl: `http://127.0.0.1:${env.PORT}`,
    uiPort: env.PORT,
    mlflowUrl: env.MLFLOW_TRACKING_URI,
    externalMlflow: external,
    dataDir,
    runDir: path.join(dataDir, "run"),
    logDir: path.join(dataDir, "logs"),
  };
}
