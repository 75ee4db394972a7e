import "server-only";
import { collect, type MlflowClient } from "mltrack-sdk/mlflow";
import type { RunLoggedModels } from "../schemas";

/** Logged models one run's tree shows as extra roots. */
export const MAX_RUN_LOGGED_MODELS = 200;

/**
 * The logged models a run produced (`mlflow.<flavor>.log_model` in MLflow 3 stores the model under
 * the logged model, not the run). MLflow's logged-model filter takes `source_run_id = '<id>'`.
 */
export async function listRunLoggedModels(
  mlflow: MlflowClient,
  runId: string,
  experimentId: string,
  signal?: AbortSignal,
): Promise<RunLoggedModels> {
  // MLflow cannot escape quotes in a filter: only a checked id is ever placed in one.
  if (!/^[\w-]+$/.test(runId)) throw new TypeError(`Not a run id: ${runId}`);
  const models = await collect(
    mlflow.loggedModels.searchAll(
      {
        experimentIds: [experimentId],
        filter: `source_run_id = '${runId}'`,
        orderBy: [{ fieldName: "creation_timestamp", ascending: true }],
      },
      { signal },
    ),
    MAX_RUN_LOGGED_MODELS + 1,
  );
  return {
    models: models.slice(0, MAX_RUN_LOGGED_MODELS).map((m) => ({
      modelId: m.modelId,
      name: m.name,
      status: m.status,
      modelType: m.modelType,
      creationTimestamp: m.creationTimestamp,
    })),
    truncated: models.length > MAX_RUN_LOGGED_MODELS,
  };
}
