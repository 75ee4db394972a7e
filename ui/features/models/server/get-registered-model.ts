import "server-only";
import { collect, MlflowNotFoundError, type MlflowClient, type Run } from "mltrack-sdk/mlflow";
import type { RegisteredModelDetail } from "../schemas";
import { mapLimit } from "@/features/runs/server/map-limit";

/** Versions listed on a model's page; MLflow's own model-version search allows up to 200,000. */
const VERSION_LIMIT = 1_000;

/** `name = '…'` for MLflow's model-version filter, with whichever quote the name does not contain. */
export function nameFilter(name: string): string {
  if (!name.includes("'")) return `name = '${name}'`;
  if (!name.includes('"')) return `name = "${name}"`;
  throw new Error("A model name holding both quote characters cannot be searched in MLflow's filter grammar");
}

/** A registered model with every version (up to 1,000), newest first, each linked to its source run. */
export async function getRegisteredModel(mlflow: MlflowClient, name: string): Promise<RegisteredModelDetail> {
  const model = await mlflow.registeredModels.get({ name });
  const versions = await collect(
    mlflow.modelVersions.searchAll({ filter: nameFilter(model.name), maxResults: 1000 }),
    VERSION_LIMIT,
  );
  versions.sort((a, b) => Number(b.version) - Number(a.version));
  const runIds = [...new Set(versions.map((v) => v.runId).filter(Boolean))];
  const runs = new Map<string, Run | null>();
  await mapLimit(runIds, 8, async (runId) => {
    const run = await mlflow.runs.get({ runId }).catch((err: unknown) => {
      if (err instanceof MlflowNotFoundError) return null;
      throw err;
    });
    runs.set(runId, run);
  });
  return {
    name: model.name,
    description: model.description,
    creationTimestamp: model.creationTimestamp,
    lastUpdatedTimestamp: model.lastUpdatedTimestamp,
    tags: Object.entries(model.tags)
      .map(([key, value]) => ({ key, value }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    aliases: Object.entries(model.aliases)
      .map(([alias, version]) => ({ alias, version }))
      .sort((a, b) => a.alias.localeCompare(b.alias)),
    versions: versions.map((v) => {
      const run = v.runId ? runs.get(v.runId) : null;
      return {
        version: v.version,
        status: v.status,
        aliases: v.aliases,
        stage: v.currentStage,
        creationTimestamp: v.creationTimestamp,
        userId: v.userId,
        description: v.description,
        source: v.source,
        runId: v.runId,
        experimentId: run?.info.experimentId ?? null,
        runName: run?.info.runName ?? null,
      };
    }),
  };
}
