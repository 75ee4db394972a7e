import "server-only";
import { collect, MlflowNotFoundError, type MlflowClient, type Run } from "mltrack-sdk/mlflow";
import { mapLimit } from "@/features/runs/server/map-limit";
import { AppError } from "@/lib/http/errors";
import { isPrompt, visibleRegistryTags } from "../registry-tags";
import type { RegisteredModelDetail } from "../schemas";
import { toWireMetricValue } from "../version-metrics";

/** Versions listed on a model's page, newest first; MLflow's own model-version search allows up to 200,000. */
export const VERSION_LIMIT = 1_000;

/** `name = '…'` for MLflow's model-version filter, with whichever quote the name does not contain. */
export function versionNameFilter(name: string): string {
  if (!name.includes("'")) return `name = '${name}'`;
  if (!name.includes('"')) return `name = "${name}"`;
  throw new AppError(
    "INVALID_PARAMETER_VALUE",
    "A model name holding both quote characters cannot be searched in MLflow's filter grammar",
  );
}

/**
 * A registered model with its newest versions (up to 1,000), each linked to its source run with the
 * run's latest metrics. Deployment records among the tags are left out; a prompt is not a model.
 */
export async function getRegisteredModel(
  mlflow: MlflowClient,
  name: string,
  signal?: AbortSignal,
): Promise<RegisteredModelDetail> {
  const model = await mlflow.registeredModels.get({ name }, { signal });
  if (isPrompt(model.tags))
    throw new AppError("RESOURCE_DOES_NOT_EXIST", `"${model.name}" is an MLflow prompt, not a registered model`);
  const versions = await collect(
    mlflow.modelVersions.searchAll(
      { filter: versionNameFilter(model.name), maxResults: VERSION_LIMIT, orderBy: ["version_number DESC"] },
      { signal },
    ),
    VERSION_LIMIT + 1,
  );
  const versionsTruncated = versions.length > VERSION_LIMIT;
  versions.length = Math.min(versions.length, VERSION_LIMIT);
  versions.sort((a, b) => Number(b.version) - Number(a.version));
  const runIds = [...new Set(versions.map((v) => v.runId).filter(Boolean))];
  // MLflow's model-version search leaves aliases out of its answers: the registered model has them all.
  const aliasesOf = new Map<string, string[]>();
  for (const [alias, version] of Object.entries(model.aliases))
    aliasesOf.set(version, [...(aliasesOf.get(version) ?? []), alias]);
  const runs = new Map<string, Run | null>();
  await mapLimit(runIds, 8, async (runId) => {
    const run = await mlflow.runs.get({ runId }, { signal }).catch((err: unknown) => {
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
    tags: visibleRegistryTags(model.tags),
    aliases: Object.entries(model.aliases)
      .map(([alias, version]) => ({ alias, version }))
      .sort((a, b) => a.alias.localeCompare(b.alias)),
    versionsTruncated,
    versions: versions.map((v) => {
      const run = v.runId ? runs.get(v.runId) : null;
      return {
        version: v.version,
        status: v.status,
        aliases: (aliasesOf.get(v.version) ?? []).sort(),
        stage: v.currentStage,
        creationTimestamp: v.creationTimestamp,
        userId: v.userId,
        description: v.description,
        source: v.source,
        runId: v.runId,
        experimentId: run?.info.experimentId ?? null,
        runName: run?.info.runName ?? null,
        tags: visibleRegistryTags(v.tags),
        runMetrics: run
          ? Object.values(run.data.metrics).map((metric) => ({
              key: metric.key,
              value: toWireMetricValue(metric.value),
            }))
          : null,
      };
    }),
  };
}
