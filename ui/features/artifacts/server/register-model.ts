import "server-only";
import { MlflowError, type MlflowClient } from "mltrack-sdk/mlflow";
import { AppError } from "@/lib/http/errors";
import { joinPath, normalizeArtifactPath } from "../paths";
import type { RegisterModelRequest, RegisterModelResult } from "../schemas";
import { runSource } from "../source";
import { listArtifactDirectory } from "./list-artifacts";
import { registrationSourceOf } from "./model-card";

/**
 * Registers a model as a new version of a registered model, creating the registered model when it
 * does not exist yet (an existing one is fine: RESOURCE_ALREADY_EXISTS). A logged model is
 * registered from `models:/<model_id>` with its model and source run ids; a model folder among run
 * artifacts from `runs:/<run_id>/<path>`.
 */
export async function registerModel(
  mlflow: MlflowClient,
  request: RegisterModelRequest,
  signal?: AbortSignal,
): Promise<RegisterModelResult> {
  const { name } = request;
  let version: { source: string; runId?: string; modelId?: string };
  if (request.source.kind === "logged-model") {
    const model = await mlflow.loggedModels.get({ modelId: request.source.modelId }, { signal });
    version = {
      source: `models:/${model.modelId}`,
      modelId: model.modelId,
      ...(model.sourceRunId ? { runId: model.sourceRunId } : {}),
    };
  } else {
    const { runId } = request.source;
    const dir = normalizeArtifactPath(request.source.path);
    const listing = await listArtifactDirectory(mlflow, runSource(runId), dir, signal);
    if (!listing.entries.some((entry) => !entry.isDir && entry.path === joinPath(dir, "MLmodel"))) {
      throw new AppError("INVALID_PARAMETER_VALUE", `No MLmodel file in ${dir || "the run's artifact root"}`);
    }
    version = { source: registrationSourceOf(runSource(runId), dir) as string, runId };
  }

  let createdRegisteredModel = true;
  try {
    await mlflow.registeredModels.create({ name }, { signal });
  } catch (err) {
    if (!(err instanceof MlflowError && err.errorCode === "RESOURCE_ALREADY_EXISTS")) throw err;
    createdRegisteredModel = false;
  }
  const created = await mlflow.modelVersions.create({ name, ...version }, { signal });
  return { name: created.name, version: created.version, source: created.source, createdRegisteredModel };
}
