import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { MlflowServer } from "../../scripts/lib/mlflow-server";
import type { UiServer } from "../../scripts/lib/ui-server";
import { MOTO_CREDENTIALS, startMoto, type MotoServer } from "../support/moto";
import { startTestMlflow, startTestUi } from "../support/stack";

/** The region the deploy specs use; moto queues invoke results per region. */
export const E2E_AWS_REGION = "us-east-1";

/**
 * One real MLflow, moto's real server (the AWS stand-in for the SageMaker deploy spec) and the
 * production UI for the whole run; workers read their addresses from env. The UI gets moto's URL,
 * dummy AWS credentials, no Modal token and a temporary deployments folder, never anything real.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "mltrack-e2e-"));
  const deployDir = path.join(dataDir, "deployments");
  mkdirSync(deployDir);
  let moto: MotoServer | undefined;
  let mlflow: MlflowServer | undefined;
  let ui: UiServer | undefined;
  const stopAll = async () => {
    await Promise.allSettled([ui?.stop(), moto?.stop()]);
    await mlflow?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    [moto, mlflow] = await Promise.all([startMoto(), startTestMlflow(dataDir)]);
    ui = await startTestUi(mlflow.url, {
      MLTRACK_DEPLOY_DIR: deployDir,
      MLTRACK_AWS_ENDPOINT_URL: moto.url,
      AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
      AWS_REGION: E2E_AWS_REGION,
      AWS_EC2_METADATA_DISABLED: "true",
      // Never a real Modal deploy from a test, whatever the developer's shell holds.
      MODAL_TOKEN_ID: "",
      MODAL_TOKEN_SECRET: "",
    });
  } catch (err) {
    await stopAll();
    throw err;
  }
  process.env.MLTRACK_E2E_UI_URL = ui.url;
  process.env.MLTRACK_E2E_MLFLOW_URL = mlflow.url;
  process.env.MLTRACK_E2E_MLFLOW_LOG = path.join(dataDir, "mlflow.log");
  process.env.MLTRACK_E2E_MOTO_URL = moto.url;
  process.env.MLTRACK_E2E_DEPLOY_DIR = deployDir;
  return stopAll;
}
