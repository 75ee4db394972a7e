/**
 * A real scikit-learn model version for deploy tests: trained on iris and registered by MLflow's own
 * Python client (.venv), through `tests/support/python/register_sklearn.py`.
 *
 *   const model = await registerSklearnModel(mlflowUrl, `iris-${randomUUID().slice(0, 8)}`);
 *   // model.version is "1" for a new name; invoke with model.servingInput, expect model.predictions.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot, venvBin } from "../../scripts/lib/paths";

const run = promisify(execFile);

export interface SklearnModelVersion {
  /** Registered model name and the version just created. */
  name: string;
  version: string;
  runId: string;
  modelId: string;
  /** The input example (iris features) as MLflow's `dataframe_split`. */
  columns: string[];
  rows: number[][];
  /** The model's own predictions for `rows` (class indices). */
  predictions: number[];
  /** `rows` as an `/invocations` JSON body. */
  servingInput: string;
}

/** Registers a new version of `name` (created when missing) on the MLflow server at `trackingUri`. */
export async function registerSklearnModel(
  trackingUri: string,
  name: string,
  experimentName = `deploy-${name}`,
): Promise<SklearnModelVersion> {
  const { stdout } = await run(
    venvBin("python"),
    [path.join(repoRoot, "tests/support/python/register_sklearn.py"), name, experimentName],
    {
      env: { ...process.env, MLFLOW_TRACKING_URI: trackingUri, MLFLOW_DISABLE_TELEMETRY: "true", DO_NOT_TRACK: "true" },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const out = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as {
    name: string;
    version: string;
    run_id: string;
    model_id: string;
    columns: string[];
    rows: number[][];
    predictions: number[];
  };
  return {
    name: out.name,
    version: out.version,
    runId: out.run_id,
    modelId: out.model_id,
    columns: out.columns,
    rows: out.rows,
    predictions: out.predictions,
    servingInput: JSON.stringify({ dataframe_split: { columns: out.columns, data: out.rows } }),
  };
}
