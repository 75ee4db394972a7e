/** Wire (snake_case proto-JSON) to domain (camelCase) conversions, done once at the edge. */
import type {
  MlflowExperiment,
  MlflowFileInfo,
  MlflowKeyValue,
  MlflowLoggedModel,
  MlflowMetric,
  MlflowModelVersion,
  MlflowPermissionGrant,
  MlflowRegisteredModel,
  MlflowRun,
  MlflowRunInfo,
  MlflowUser,
} from "./wire";
import type {
  Experiment,
  FileInfo,
  LifecycleStage,
  LoggedModel,
  Metric,
  ModelVersion,
  PermissionGrant,
  RegisteredModel,
  Run,
  RunInfo,
  TagMap,
  User,
} from "./types";

export function toTagMap(tags: readonly MlflowKeyValue[] | undefined): TagMap {
  const map: TagMap = {};
  for (const tag of tags ?? []) map[tag.key] = tag.value ?? "";
  return map;
}

/** Domain map to MLflow's repeated key/value messages. */
export function toKeyValues(
  map: Readonly<Record<string, string>> | undefined,
): { key: string; value: string }[] | undefined {
  return map === undefined ? undefined : Object.entries(map).map(([key, value]) => ({ key, value }));
}

function lifecycle(stage: string | undefined): LifecycleStage {
  return stage === "deleted" ? "deleted" : "active";
}

export function toExperiment(e: MlflowExperiment): Experiment {
  return {
    experimentId: e.experiment_id,
    name: e.name ?? "",
    artifactLocation: e.artifact_location ?? "",
    lifecycleStage: lifecycle(e.lifecycle_stage),
    creationTime: e.creation_time ?? null,
    lastUpdateTime: e.last_update_time ?? null,
    tags: toTagMap(e.tags),
  };
}

/**
 * MLflow's SQL store cannot hold infinities: it keeps ±Infinity as ±Number.MAX_VALUE and returns that
 * (NaN it flags apart, and returns as NaN). Read back, it is the infinity that was logged.
 */
export function fromStoredDouble(value: number): number {
  return value === Number.MAX_VALUE ? Infinity : value === -Number.MAX_VALUE ? -Infinity : value;
}

export function toMetric(m: MlflowMetric): Metric {
  const metric: Metric = {
    key: m.key,
    value: fromStoredDouble(m.value),
    timestamp: m.timestamp ?? 0,
    step: m.step ?? 0,
  };
  if (m.dataset_name) metric.datasetName = m.dataset_name;
  if (m.dataset_digest) metric.datasetDigest = m.dataset_digest;
  if (m.model_id) metric.modelId = m.model_id;
  if (m.run_id) metric.runId = m.run_id;
  return metric;
}

/** MLflow's order for "latest": the largest (step, timestamp, value). */
function isLater(a: Metric, b: Metric): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value > b.value;
}

export function toRunInfo(i: MlflowRunInfo): RunInfo {
  return {
    runId: i.run_id,
    runName: i.run_name ?? "",
    experimentId: i.experiment_id ?? "",
    userId: i.user_id ?? "",
    status: i.status ?? "RUNNING",
    startTime: i.start_time ?? null,
    endTime: i.end_time ?? null,
    artifactUri: i.artifact_uri ?? "",
    lifecycleStage: lifecycle(i.lifecycle_stage),
  };
}

export function toRun(r: MlflowRun): Run {
  const metrics: Record<string, Metric> = {};
  for (const wire of r.data?.metrics ?? []) {
    const metric = toMetric(wire);
    const seen = metrics[metric.key];
    if (!seen || isLater(metric, seen)) metrics[metric.key] = metric;
  }
  return {
    info: toRunInfo(r.info),
    data: { metrics, params: toTagMap(r.data?.params), tags: toTagMap(r.data?.tags) },
    inputs: {
      datasets: (r.inputs?.dataset_inputs ?? []).map((input) => ({
        name: input.dataset?.name ?? "",
        digest: input.dataset?.digest ?? "",
        sourceType: input.dataset?.source_type ?? "",
        source: input.dataset?.source ?? "",
        ...(input.dataset?.schema ? { schema: input.dataset.schema } : {}),
        ...(input.dataset?.profile ? { profile: input.dataset.profile } : {}),
        tags: toTagMap(input.tags),
      })),
      modelIds: (r.inputs?.model_inputs ?? []).map((m) => m.model_id),
    },
    outputs: { models: (r.outputs?.model_outputs ?? []).map((m) => ({ modelId: m.model_id, step: m.step ?? 0 })) },
  };
}

export function toFileInfo(f: MlflowFileInfo): FileInfo {
  return { path: f.path, isDir: f.is_dir ?? false, fileSize: f.file_size ?? null };
}

export function toModelVersion(v: MlflowModelVersion): ModelVersion {
  return {
    name: v.name,
    version: v.version,
    creationTimestamp: v.creation_timestamp ?? null,
    lastUpdatedTimestamp: v.last_updated_timestamp ?? null,
    userId: v.user_id ?? "",
    currentStage: v.current_stage ?? "None",
    description: v.description ?? "",
    source: v.source ?? "",
    runId: v.run_id ?? "",
    runLink: v.run_link ?? "",
    modelId: v.model_id ?? "",
    status: v.status ?? "READY",
    statusMessage: v.status_message ?? "",
    tags: toTagMap(v.tags),
    aliases: v.aliases ?? [],
  };
}

export function toRegisteredModel(m: MlflowRegisteredModel): RegisteredModel {
  const aliases: Record<string, string> = {};
  for (const a of m.aliases ?? []) aliases[a.alias] = a.version;
  return {
    name: m.name,
    creationTimestamp: m.creation_timestamp ?? null,
    lastUpdatedTimestamp: m.last_updated_timestamp ?? null,
    userId: m.user_id ?? "",
    description: m.description ?? "",
    latestVersions: (m.latest_versions ?? []).map(toModelVersion),
    tags: toTagMap(m.tags),
    aliases,
  };
}

export function toLoggedModel(m: MlflowLoggedModel): LoggedModel {
  const { info } = m;
  return {
    modelId: info.model_id,
    experimentId: info.experiment_id ?? "",
    name: info.name ?? "",
    creationTimestamp: info.creation_timestamp_ms ?? null,
    lastUpdatedTimestamp: info.last_updated_timestamp_ms ?? null,
    artifactUri: info.artifact_uri ?? "",
    status: info.status ?? "LOGGED_MODEL_STATUS_UNSPECIFIED",
    statusMessage: info.status_message ?? "",
    modelType: info.model_type ?? "",
    sourceRunId: info.source_run_id ?? "",
    tags: toTagMap(info.tags),
    params: toTagMap(m.data?.params),
    metrics: (m.data?.metrics ?? []).map(toMetric),
  };
}

export function toUser(wire: MlflowUser): User {
  const user: User = { id: wire.id, username: wire.username, isAdmin: wire.is_admin };
  if (wire.roles) {
    user.roles = wire.roles.map((r) => ({
      id: r.id,
      name: r.name,
      workspace: r.workspace,
      description: r.description ?? null,
    }));
  }
  return user;
}

export function toPermissionGrant(wire: MlflowPermissionGrant): PermissionGrant {
  return {
    roleId: wire.role_id,
    roleName: wire.role_name,
    workspace: wire.workspace,
    resourceType: wire.resource_type,
    resourcePattern: wire.resource_pattern,
    permission: wire.permission,
  };
}
