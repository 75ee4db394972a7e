import "server-only";
import { MLFLOW_TAGS, type MlflowClient } from "mltrack-sdk/mlflow";

/** Renames a run: MLflow's `runs/update` with `run_name` also sets the `mlflow.runName` tag. */
export async function renameRun(mlflow: MlflowClient, runId: string, runName: string): Promise<void> {
  await mlflow.runs.update({ runId, runName });
}

/** Soft delete: the run moves to the deleted lifecycle stage and can be restored until `mlflow gc`. */
export async function deleteRun(mlflow: MlflowClient, runId: string): Promise<void> {
  await mlflow.runs.delete({ runId });
}

export async function restoreRun(mlflow: MlflowClient, runId: string): Promise<void> {
  await mlflow.runs.restore({ runId });
}

export async function setRunTag(mlflow: MlflowClient, runId: string, key: string, value: string): Promise<void> {
  await mlflow.runs.setTag({ runId, key, value });
}

export async function deleteRunTag(mlflow: MlflowClient, runId: string, key: string): Promise<void> {
  await mlflow.runs.deleteTag({ runId, key });
}

/** Writes the run's description (`mlflow.note.content`); an empty one removes the tag, if there is one. */
export async function setRunNote(mlflow: MlflowClient, runId: string, content: string): Promise<void> {
  if (content !== "") {
    await mlflow.runs.setTag({ runId, key: MLFLOW_TAGS.note, value: content });
    return;
  }
  const run = await mlflow.runs.get({ runId });
  if (MLFLOW_TAGS.note in run.data.tags) await mlflow.runs.deleteTag({ runId, key: MLFLOW_TAGS.note });
}
