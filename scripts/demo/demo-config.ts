/**
 * What the demos (`make train`, `make deploy`, `make test-inference`) share: names, files and the
 * tracking URI. They log through the UI's MLflow-compatible gateway, the URL any MLflow client can use.
 */
import path from "node:path";
import { repoRoot, venvBin } from "../lib/paths";
import { stackConfig } from "../lib/stack-config";

export const SKLEARN_EXPERIMENT = "mltrack-demo-sklearn";
export const TYPESCRIPT_EXPERIMENT = "mltrack-demo-typescript";
export const REGISTERED_MODEL = "mltrack-demo-classifier";
export const ALIAS = "champion";

export interface DemoConfig {
  /** The UI; the demos' MLFLOW_TRACKING_URI. */
  uiUrl: string;
  /** Held-out rows the model never saw, written by the sweep for test-inference. */
  holdoutFile: string;
  /** Training and validation rows, written by the sweep for the TypeScript demo. */
  datasetFile: string;
  /** Local deployments' files and logs: MLTRACK_DEPLOY_DIR, else under the data folder. */
  deployDir: string;
  python: string;
  /** The built `mltrack` CLI. */
  cli: string;
}

export async function demoConfig(): Promise<DemoConfig> {
  const stack = await stackConfig();
  const demoDir = path.join(stack.dataDir, "demo");
  return {
    uiUrl: stack.uiUrl,
    holdoutFile: path.join(demoDir, "holdout.json"),
    datasetFile: path.join(demoDir, "breast-cancer.json"),
    deployDir: process.env.MLTRACK_DEPLOY_DIR?.trim() || path.join(stack.dataDir, "deployments"),
    python: venvBin("python"),
    cli: path.join(repoRoot, "mltrack-sdk", "dist", "cli", "index.js"),
  };
}

/** The environment of the Python steps and the CLI: MLflow's clients pointed at the UI. */
export function demoEnv(config: DemoConfig): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MLFLOW_TRACKING_URI: config.uiUrl,
    MLTRACK_DEPLOY_DIR: config.deployDir,
    MLFLOW_DISABLE_TELEMETRY: "true",
    DO_NOT_TRACK: "true",
  };
}

/** Fails with what to run when the UI does not answer. */
export async function assertUiUp(config: DemoConfig): Promise<void> {
  try {
    const res = await fetch(`${config.uiUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
    await res.body?.cancel();
    if (res.ok) return;
  } catch {
    // Reported below.
  }
  throw new DemoError(
    `The MLTrack UI does not answer at ${config.uiUrl}: start it with \`make start\` (or set PORT to where it runs).`,
  );
}

/** A failure the demo explains itself: printed without a stack. */
export class DemoError extends Error {
  override readonly name = "DemoError";
}

/** Runs a demo's main: a DemoError is one line on stderr and exit code 1. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof DemoError ? `\n${err.message}` : err);
      process.exit(1);
    },
  );
}
