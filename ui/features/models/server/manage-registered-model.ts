import "server-only";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { AppError } from "@/lib/http/errors";
import { registryTagKeyProblem } from "../registry-tags";
import {
  DeleteModelAliasQuery,
  DeleteRegistryTagQuery,
  SetModelAliasBody,
  SetRegistryTagBody,
  UpdateDescriptionBody,
  type RegisteredModelDetail,
} from "../schemas";
import { getRegisteredModel } from "./get-registered-model";

/** Every change answers with the model's page as MLflow now has it. */

export async function setModelAlias(mlflow: MlflowClient, input: SetModelAliasBody): Promise<RegisteredModelDetail> {
  const body = SetModelAliasBody.parse(input);
  await mlflow.registeredModels.setAlias(body);
  return getRegisteredModel(mlflow, body.name);
}

export async function deleteModelAlias(
  mlflow: MlflowClient,
  input: DeleteModelAliasQuery,
): Promise<RegisteredModelDetail> {
  const query = DeleteModelAliasQuery.parse(input);
  await mlflow.registeredModels.deleteAlias(query);
  return getRegisteredModel(mlflow, query.name);
}

function checkWritable(key: string) {
  const problem = registryTagKeyProblem(key);
  if (problem) throw new AppError("INVALID_PARAMETER_VALUE", `Invalid tag key "${key}": ${problem}`);
}

export async function setRegistryTag(mlflow: MlflowClient, input: SetRegistryTagBody): Promise<RegisteredModelDetail> {
  const { name, version, key, value } = SetRegistryTagBody.parse(input);
  checkWritable(key);
  if (version) await mlflow.modelVersions.setTag({ name, version, key, value });
  else await mlflow.registeredModels.setTag({ name, key, value });
  return getRegisteredModel(mlflow, name);
}

export async function deleteRegistryTag(
  mlflow: MlflowClient,
  input: DeleteRegistryTagQuery,
): Promise<RegisteredModelDetail> {
  const { name, version, key } = DeleteRegistryTagQuery.parse(input);
  checkWritable(key);
  if (version) await mlflow.modelVersions.deleteTag({ name, version, key });
  else await mlflow.registeredModels.deleteTag({ name, key });
  return getRegisteredModel(mlflow, name);
}

export async function updateDescription(
  mlflow: MlflowClient,
  input: UpdateDescriptionBody,
): Promise<RegisteredModelDetail> {
  const { name, version, description } = UpdateDescriptionBody.parse(input);
  if (version) await mlflow.modelVersions.update({ name, version, description });
  else await mlflow.registeredModels.update({ name, description });
  return getRegisteredModel(mlflow, name);
}
