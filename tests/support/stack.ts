/**
 * What the integration, end-to-end and benchmark tiers run against: a real `mlflow server` on a free
 * loopback port with a temporary SQLite file and artifact folder, and the production UI in front.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startMlflowServer, type MlflowAuthOptions, type MlflowServer } from "../../scripts/lib/mlflow-server";
import { freePort } from "../../scripts/lib/ports";
import { startUiServer, type UiServer } from "../../scripts/lib/ui-server";

export interface Stack {
  mlflowUrl: string;
  uiUrl: string;
  /** MLflow's output, its access log included: what reached MLflow. */
  mlflowLog: string;
  uiPid: number;
  dataDir: string;
  stop(): Promise<void>;
}

/** `auth` starts MLflow's basic-auth app with that admin and default permission. */
export async function startTestMlflow(
  dataDir: string,
  options: { auth?: MlflowAuthOptions } = {},
): Promise<MlflowServer> {
  return startMlflowServer({
    dataDir,
    port: await freePort(),
    logFile: path.join(dataDir, "mlflow.log"),
    ...(options.auth ? { auth: options.auth } : {}),
  });
}

export async function startTestUi(mlflowUrl: string, env: Record<string, string> = {}): Promise<UiServer> {
  return startUiServer({ mlflowUrl, port: await freePort(), env: { MLTRACK_LOG_LEVEL: "warn", ...env } });
}

export async function startStack(label: string): Promise<Stack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `mltrack-${label}-`));
  let mlflow: MlflowServer | undefined;
  let ui: UiServer | undefined;
  try {
    mlflow = await startTestMlflow(dataDir);
    ui = await startTestUi(mlflow.url);
  } catch (err) {
    await Promise.allSettled([ui?.stop(), mlflow?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const [m, u] = [mlflow, ui];
  return {
    mlflowUrl: m.url,
    uiUrl: u.url,
    mlflowLog: path.join(dataDir, "mlflow.log"),
    uiPid: u.process.child.pid ?? 0,
    dataDir,
    async stop() {
      await Promise.allSettled([u.stop(), m.stop()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
