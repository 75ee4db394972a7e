/** MLTrack's domain types: camelCase, maps for tags and params, timestamps as epoch milliseconds. */
import type { LoggedModelStatus, ModelVersionStatus, MlflowPermission, RunStatus, ViewType } from "./wire";

export type { LoggedModelStatus, ModelVersionStatus, RunStatus, ViewType };

export type LifecycleStage = "active" | "deleted";
export type TagMap = Record<string, string>;

export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  creationTime: number | null;
  lastUpdateTime: number | null;
  tags: TagMap;
}

export interface Metric {
  key: string;
  /** NaN and ±Infinity are kept as such (proto-JSON strings on the wire). */
  value: number;
  timestamp: number;
  step: number;
  datasetName?: string;
  datasetDigest?: string;
  modelId?: string;
  runId?: string;
}

export interface RunInfo {
  runId: string;
  runName: string;
  experimentId: string;
  userId: string;
  status: RunStatus;
  startTime: number | null;
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: LifecycleStage;
}

export interface RunData {
  /** Latest value per key, as MLflow keeps it in run summaries. */
  metrics: Record<string, Metric>;
  params: Record<string, string>;
  tags: TagMap;
}

export interface DatasetInput {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema?: string;
  profile?: string;
  tags: TagMap;
}

export interface Run {
  info: RunInfo;
  data: RunData;
  inputs: { datasets: DatasetInput[]; modelIds: string[] };
  outputs: { models: { modelId: string; step: number }[] };
}

export interface FileInfo {
  path: string;
  isDir: boolean;
  fileSize: number | null;
}

export interface ModelVersion {
  name: string;
  version: string;
  creationTimestamp: number | null;
  lastUpdatedTimestamp: number | null;
  userId: string;
  /** Legacy stage, shown only; MLTrack writes aliases. */
  currentStage: string;
  description: string;
  source: string;
  runId: string;
  runLink: string;
  modelId: string;
  status: ModelVersionStatus;
  statusMessage: string;
  tags: TagMap;
  aliases: string[];
}

export interface RegisteredModel {
  name: string;
  creationTimestamp: number | null;
  lastUpdatedTimestamp: number | null;
  userId: string;
  description: string;
  latestVersions: ModelVersion[];
  tags: TagMap;
  /** alias -> version */
  aliases: Record<string, string>;
}

export interface LoggedModel {
  modelId: string;
  experimentId: string;
  name: string;
  creationTimestamp: number | null;
  lastUpdatedTimestamp: number | null;
  artifactUri: string;
  status: LoggedModelStatus;
  statusMessage: string;
  modelType: string;
  sourceRunId: string;
  tags: TagMap;
  params: Record<string, string>;
  metrics: Metric[];
}

export interface DatasetSummary {
  experimentId: string;
  name: string;
  digest: string;
  context: string;
}

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextPageToken?: string;
}

/** MLflow's permission levels: READ < USE < EDIT < MANAGE; `DENY` overrides any grant, `NO_PERMISSIONS` is none. */
export type Permission = MlflowPermission;

/** A user of MLflow's basic-auth app. `roles` only in `users.list` (RBAC roles the caller may see). */
export interface User {
  id: number;
  username: string;
  isAdmin: boolean;
  roles?: { id: number; name: string; workspace: string; description: string | null }[];
}

export interface CurrentUser {
  user: User;
  /** False when the server swapped in its own `authorization_function`. */
  isBasicAuth: boolean;
}

/** What MLflow resolves for a user on one resource: their grant, else `default_permission`. */
export interface EffectivePermission {
  /** MLflow's `can_use`: USE or more (READ alone is not "allowed"). */
  allowed: boolean;
  permission: Permission;
}

export interface PermissionGrant {
  roleId: number;
  /** `__user_<id>__` for grants made through the per-user (experiment/registered-model permission) calls. */
  roleName: string;
  workspace: string;
  /** `experiment`, `registered_model`, `prompt`, `scorer`, ... */
  resourceType: string;
  /** An experiment ID or model name, or `*`. */
  resourcePattern: string;
  permission: Permission;
}

export interface UserPermissions {
  isAdmin: boolean;
  grants: PermissionGrant[];
}
