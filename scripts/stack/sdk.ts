/**
 * The SDK (its MLflow client and deploy engine) through its package exports, as npm users get it:
 * mltrack-sdk/dist, which `make build` writes. Loaded on demand, so `make status` and `make stop`
 * still work, and say what is missing, before the SDK is built.
 */
import type * as DeployModule from "mltrack-sdk/deploy";
import type { DeployEngine, Deployment } from "mltrack-sdk/deploy";
import type * as MlflowModule from "mltrack-sdk/mlflow";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import type { StackSettings } from "./config";
import { StackError } from "./errors";

export interface Sdk {
  mlflow: MlflowClient;
  engine: DeployEngine;
  isFinal(status: Deployment["status"]): boolean;
  isNotFound(err: unknown): boolean;
}

export async function loadSdk(settings: StackSettings, warn: (message: string) => void): Promise<Sdk> {
  let mlflowModule: typeof MlflowModule;
  let deployModule: typeof DeployModule;
  try {
    [mlflowModule, deployModule] = await Promise.all([import("mltrack-sdk/mlflow"), import("mltrack-sdk/deploy")]);
  } catch (err) {
    throw new StackError(
      `The SDK is not built (${err instanceof Error ? err.message.split("\n")[0] : String(err)}): run \`make build\`.`,
    );
  }
  // Short timeouts and one retry: a report should not hang on a busy MLflow.
  const mlflow = new mlflowModule.MlflowClient({ trackingUri: settings.mlflowUrl, timeoutMs: 15_000, maxRetries: 1 });
  const engine = new deployModule.DeployEngine({
    mlflow,
    workDir: deployModule.defaultWorkDir(process.env),
    warn,
  });
  return {
    mlflow,
    engine,
    isFinal: deployModule.isFinal,
    isNotFound: (err) => err instanceof mlflowModule.MlflowNotFoundError,
  };
}
