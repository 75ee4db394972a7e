/**
 * An experiment's page and its changes: create, rename, delete (soft), restore, set and delete tags.
 * MLflow's answers to the usual mistakes (a taken name, editing a deleted experiment) are SQL errors
 * or bare states; they are turned into sentences that say what to do instead.
 */
import "server-only";
import { MLFLOW_TAGS, MlflowError, MlflowNotFoundError, type Experiment, type MlflowClient } from "mltrack-sdk/mlflow";
import { AppError } from "@/lib/http/errors";
import { groupExperimentTags, writableTagKeyProblem } from "../experiment-tags";
import {
  CreateExperimentBody,
  DeleteExperimentTagQuery,
  RenameExperimentBody,
  SetExperimentTagBody,
  type ExperimentDetail,
} from "../schemas";

export function toExperimentDetail(experiment: Experiment): ExperimentDetail {
  const { description, tags, systemTags } = groupExperimentTags(experiment.tags);
  return {
    experimentId: experiment.experimentId,
    name: experiment.name,
    lifecycleStage: experiment.lifecycleStage,
    creationTime: experiment.creationTime,
    lastUpdateTime: experiment.lastUpdateTime,
    artifactLocation: experiment.artifactLocation,
    description,
    tags,
    systemTags,
  };
}

export async function getExperimentDetail(mlflow: MlflowClient, experimentId: string): Promise<ExperimentDetail> {
  return toExperimentDetail(await mlflow.experiments.get({ experimentId }));
}

/** The experiment already holding `name` (active or deleted), when MLflow refused a name for that reason. */
async function nameTakenError(mlflow: MlflowClient, err: unknown, name: string, self?: string): Promise<unknown> {
  if (!(err instanceof MlflowError) || err.httpStatus !== 400) return err;
  const holder = await mlflow.experiments.getByName({ experimentName: name }).catch(() => undefined);
  if (!holder || holder.experimentId === self) return err;
  return new AppError(
    "RESOURCE_ALREADY_EXISTS",
    holder.lifecycleStage === "deleted"
      ? `The name "${name}" belongs to a deleted experiment (ID ${holder.experimentId}). Restore that experiment from the Deleted view instead, or choose another name.`
      : `An experiment named "${name}" already exists (ID ${holder.experimentId}). Choose another name.`,
    { cause: err },
  );
}

async function activeExperiment(mlflow: MlflowClient, experimentId: string, action: string): Promise<Experiment> {
  const experiment = await mlflow.experiments.get({ experimentId });
  if (experiment.lifecycleStage === "deleted")
    throw new AppError("RESOURCE_CONFLICT", `Experiment ${experimentId} is deleted: restore it before ${action}.`);
  return experiment;
}

export async function createExperiment(mlflow: MlflowClient, input: CreateExperimentBody): Promise<ExperimentDetail> {
  const body = CreateExperimentBody.parse(input);
  const description = body.description?.trim() ? body.description : undefined;
  let experimentId: string;
  try {
    experimentId = await mlflow.experiments.create({
      name: body.name,
      ...(body.artifactLocation ? { artifactLocation: body.artifactLocation } : {}),
      ...(description ? { tags: { [MLFLOW_TAGS.note]: description } } : {}),
    });
  } catch (err) {
    throw await nameTakenError(mlflow, err, body.name);
  }
  return getExperimentDetail(mlflow, experimentId);
}

export async function renameExperiment(
  mlflow: MlflowClient,
  experimentId: string,
  input: RenameExperimentBody,
): Promise<ExperimentDetail> {
  const { name } = RenameExperimentBody.parse(input);
  const experiment = await activeExperiment(mlflow, experimentId, "renaming it");
  if (experiment.name !== name) {
    try {
      await mlflow.experiments.update({ experimentId, newName: name });
    } catch (err) {
      throw await nameTakenError(mlflow, err, name, experimentId);
    }
  }
  return getExperimentDetail(mlflow, experimentId);
}

/** Soft delete: MLflow keeps the experiment and its runs, and `restoreExperiment` brings them back. */
export async function deleteExperiment(mlflow: MlflowClient, experimentId: string): Promise<ExperimentDetail> {
  const experiment = await mlflow.experiments.get({ experimentId });
  if (experiment.lifecycleStage !== "deleted") await mlflow.experiments.delete({ experimentId });
  return getExperimentDetail(mlflow, experimentId);
}

export async function restoreExperiment(mlflow: MlflowClient, experimentId: string): Promise<ExperimentDetail> {
  const experiment = await mlflow.experiments.get({ experimentId });
  if (experiment.lifecycleStage === "deleted") await mlflow.experiments.restore({ experimentId });
  return getExperimentDetail(mlflow, experimentId);
}

function checkWritableKey(key: string): void {
  const problem = writableTagKeyProblem(key);
  if (problem) throw new AppError("INVALID_PARAMETER_VALUE", `Tag "${key}": ${problem}`);
}

export async function setExperimentTag(
  mlflow: MlflowClient,
  experimentId: string,
  input: SetExperimentTagBody,
): Promise<ExperimentDetail> {
  const { key, value } = SetExperimentTagBody.parse(input);
  checkWritableKey(key);
  await activeExperiment(mlflow, experimentId, "editing its tags");
  await mlflow.experiments.setTag({ experimentId, key, value });
  return getExperimentDetail(mlflow, experimentId);
}

/** Deleting a tag the experiment does not have is not an error: the outcome is the same. */
export async function deleteExperimentTag(
  mlflow: MlflowClient,
  experimentId: string,
  input: DeleteExperimentTagQuery,
): Promise<ExperimentDetail> {
  const { key } = DeleteExperimentTagQuery.parse(input);
  checkWritableKey(key);
  const experiment = await activeExperiment(mlflow, experimentId, "editing its tags");
  if (key in experiment.tags) {
    await mlflow.experiments.deleteTag({ experimentId, key }).catch((err: unknown) => {
      if (!(err instanceof MlflowNotFoundError)) throw err;
    });
  }
  return getExperimentDetail(mlflow, experimentId);
}
