/**
 * Zod schemas of MLflow's wire format: proto-JSON, snake_case, with proto2 presence, so any
 * field may be absent. Names carry an `Mlflow` prefix; `reshape.ts` turns them into domain types.
 * Objects are not strict: a newer MLflow may add fields, and the client must keep working.
 */
import { z } from "zod";

/** int64 fields: MLflow writes JSON numbers; other proto-JSON writers send decimal strings. */
export const int64 = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** double fields: non-finite values travel as the proto-JSON strings "NaN", "Infinity", "-Infinity". */
export const double = z.union([
  z.number(),
  z
    .enum(["NaN", "Infinity", "-Infinity"])
    .transform((v) => (v === "NaN" ? Number.NaN : v === "Infinity" ? Infinity : -Infinity)),
]);

/** A double as proto-JSON wants it: JSON.stringify would turn NaN and Infinity into null. */
export function toWireDouble(value: number): number | "NaN" | "Infinity" | "-Infinity" {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  return value;
}

export const MlflowKeyValue = z.object({ key: z.string(), value: z.string().optional() });
export type MlflowKeyValue = z.infer<typeof MlflowKeyValue>;

export const RunStatus = z.enum(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"]);
export type RunStatus = z.infer<typeof RunStatus>;

export const ViewType = z.enum(["ACTIVE_ONLY", "DELETED_ONLY", "ALL"]);
export type ViewType = z.infer<typeof ViewType>;

export const MlflowExperiment = z.object({
  experiment_id: z.string(),
  name: z.string().optional(),
  artifact_location: z.string().optional(),
  lifecycle_stage: z.string().optional(),
  last_update_time: int64.optional(),
  creation_time: int64.optional(),
  tags: z.array(MlflowKeyValue).optional(),
  effective_trace_archival_retention: z.string().optional(),
  workspace: z.string().optional(),
});
export type MlflowExperiment = z.infer<typeof MlflowExperiment>;

export const MlflowMetric = z.object({
  key: z.string(),
  value: double,
  timestamp: int64.optional(),
  step: int64.optional(),
  dataset_name: z.string().optional(),
  dataset_digest: z.string().optional(),
  model_id: z.string().optional(),
  run_id: z.string().optional(),
});
export type MlflowMetric = z.infer<typeof MlflowMetric>;

export const MlflowRunInfo = z.object({
  run_id: z.string(),
  run_uuid: z.string().optional(),
  run_name: z.string().optional(),
  experiment_id: z.string().optional(),
  user_id: z.string().optional(),
  status: RunStatus.optional(),
  start_time: int64.optional(),
  end_time: int64.optional(),
  artifact_uri: z.string().optional(),
  lifecycle_stage: z.string().optional(),
});
export type MlflowRunInfo = z.infer<typeof MlflowRunInfo>;

export const MlflowDataset = z.object({
  name: z.string().optional(),
  digest: z.string().optional(),
  source_type: z.string().optional(),
  source: z.string().optional(),
  schema: z.string().optional(),
  profile: z.string().optional(),
});

export const MlflowDatasetInput = z.object({
  tags: z.array(MlflowKeyValue).optional(),
  dataset: MlflowDataset.optional(),
});

export const MlflowRun = z.object({
  info: MlflowRunInfo,
  data: z
    .object({
      metrics: z.array(MlflowMetric).optional(),
      params: z.array(MlflowKeyValue).optional(),
      tags: z.array(MlflowKeyValue).optional(),
    })
    .optional(),
  inputs: z
    .object({
      dataset_inputs: z.array(MlflowDatasetInput).optional(),
      model_inputs: z.array(z.object({ model_id: z.string() })).optional(),
    })
    .optional(),
  outputs: z
    .object({
      model_outputs: z.array(z.object({ model_id: z.string(), step: int64.optional() })).optional(),
    })
    .optional(),
});
export type MlflowRun = z.infer<typeof MlflowRun>;

export const MlflowFileInfo = z.object({
  path: z.string(),
  is_dir: z.boolean().optional(),
  file_size: int64.optional(),
});
export type MlflowFileInfo = z.infer<typeof MlflowFileInfo>;

export const ModelVersionStatus = z.enum(["PENDING_REGISTRATION", "FAILED_REGISTRATION", "READY"]);
export type ModelVersionStatus = z.infer<typeof ModelVersionStatus>;

export const MlflowModelVersion = z.object({
  name: z.string(),
  version: z.string(),
  creation_timestamp: int64.optional(),
  last_updated_timestamp: int64.optional(),
  user_id: z.string().optional(),
  current_stage: z.string().optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  status: ModelVersionStatus.optional(),
  status_message: z.string().optional(),
  tags: z.array(MlflowKeyValue).optional(),
  run_link: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  model_id: z.string().optional(),
  model_params: z.array(z.object({ name: z.string(), value: z.string().optional() })).optional(),
  model_metrics: z.array(MlflowMetric).optional(),
  deployment_job_state: z.unknown().optional(),
});
export type MlflowModelVersion = z.infer<typeof MlflowModelVersion>;

export const MlflowRegisteredModel = z.object({
  name: z.string(),
  creation_timestamp: int64.optional(),
  last_updated_timestamp: int64.optional(),
  user_id: z.string().optional(),
  description: z.string().optional(),
  latest_versions: z.array(MlflowModelVersion).optional(),
  tags: z.array(MlflowKeyValue).optional(),
  aliases: z.array(z.object({ alias: z.string(), version: z.string() })).optional(),
  deployment_job_id: z.string().optional(),
  deployment_job_state: z.string().optional(),
});
export type MlflowRegisteredModel = z.infer<typeof MlflowRegisteredModel>;

export const LoggedModelStatus = z.enum([
  "LOGGED_MODEL_STATUS_UNSPECIFIED",
  "LOGGED_MODEL_PENDING",
  "LOGGED_MODEL_READY",
  "LOGGED_MODEL_UPLOAD_FAILED",
]);
export type LoggedModelStatus = z.infer<typeof LoggedModelStatus>;

export const MlflowLoggedModel = z.object({
  info: z.object({
    model_id: z.string(),
    experiment_id: z.string().optional(),
    name: z.string().optional(),
    creation_timestamp_ms: int64.optional(),
    last_updated_timestamp_ms: int64.optional(),
    artifact_uri: z.string().optional(),
    status: LoggedModelStatus.optional(),
    creator_id: int64.optional(),
    model_type: z.string().optional(),
    source_run_id: z.string().optional(),
    status_message: z.string().optional(),
    tags: z.array(MlflowKeyValue).optional(),
    registrations: z.array(z.unknown()).optional(),
  }),
  data: z
    .object({
      params: z.array(MlflowKeyValue).optional(),
      metrics: z.array(MlflowMetric).optional(),
    })
    .optional(),
});
export type MlflowLoggedModel = z.infer<typeof MlflowLoggedModel>;

export const MlflowDatasetSummary = z.object({
  experiment_id: z.string().optional(),
  name: z.string().optional(),
  digest: z.string().optional(),
  context: z.string().optional(),
});

// MLflow's basic-auth app (mlflow/server/auth): users and per-resource permission grants.

/** Effective permissions MLflow resolves (`mlflow/server/auth/permissions.py` ALL_PERMISSIONS). */
export const MlflowPermission = z.enum(["READ", "USE", "EDIT", "MANAGE", "DENY", "NO_PERMISSIONS"]);
export type MlflowPermission = z.infer<typeof MlflowPermission>;

/** `User.to_json()`; `users/list` adds the roles the caller may see. */
export const MlflowUser = z.object({
  id: z.number().int(),
  username: z.string(),
  is_admin: z.boolean(),
  roles: z
    .array(
      z.object({ id: z.number().int(), name: z.string(), workspace: z.string(), description: z.string().nullish() }),
    )
    .optional(),
});
export type MlflowUser = z.infer<typeof MlflowUser>;

/** One row of `users/permissions/list`: a grant on one of the user's roles (direct grants sit on `__user_<id>__`). */
export const MlflowPermissionGrant = z.object({
  role_id: z.number().int(),
  role_name: z.string(),
  workspace: z.string(),
  resource_type: z.string(),
  resource_pattern: z.string(),
  permission: MlflowPermission,
});
export type MlflowPermissionGrant = z.infer<typeof MlflowPermissionGrant>;
