import { z } from "zod";
import { toKeyValues, toModelVersion, toRegisteredModel } from "../reshape";
import { Alias, LIMITS, ModelVersionNumber, RegisteredModelName, RunId } from "../validation";
import { MlflowModelVersion, MlflowRegisteredModel } from "../wire";
import { API, Empty, SearchOptions, json, page } from "./spec";

const SearchRegistry = z.object(SearchOptions).transform((r) => ({
  filter: r.filter,
  max_results: r.maxResults,
  order_by: r.orderBy,
  page_token: r.pageToken,
}));

const RegistryTagKey = z.string().min(1).max(LIMITS.registryTagKeyLength);
const RegistryTagValue = z.string().max(LIMITS.registryTagValueLength);
const RegistryTags = z.record(RegistryTagKey, RegistryTagValue);
const RegisteredModelResponse = z
  .object({ registered_model: MlflowRegisteredModel })
  .transform((r) => toRegisteredModel(r.registered_model));
const ModelVersionResponse = z
  .object({ model_version: MlflowModelVersion })
  .transform((r) => toModelVersion(r.model_version));
const VersionRef = { name: RegisteredModelName, version: ModelVersionNumber };

export const registeredModels = {
  create: json({
    method: "POST",
    path: `${API}/registered-models/create`,
    retry: "unsafe",
    request: z
      .object({ name: RegisteredModelName, description: z.string().optional(), tags: RegistryTags.optional() })
      .transform((r) => ({ name: r.name, description: r.description, tags: toKeyValues(r.tags) })),
    response: RegisteredModelResponse,
  }),
  rename: json({
    method: "POST",
    path: `${API}/registered-models/rename`,
    retry: "unsafe",
    request: z
      .object({ name: RegisteredModelName, newName: RegisteredModelName })
      .transform((r) => ({ name: r.name, new_name: r.newName })),
    response: RegisteredModelResponse,
  }),
  update: json({
    method: "PATCH",
    path: `${API}/registered-models/update`,
    retry: "safe",
    request: z
      .object({ name: RegisteredModelName, description: z.string() })
      .transform((r) => ({ name: r.name, description: r.description })),
    response: RegisteredModelResponse,
  }),
  delete: json({
    method: "DELETE",
    path: `${API}/registered-models/delete`,
    retry: "unsafe",
    request: z.object({ name: RegisteredModelName }),
    response: Empty,
  }),
  get: json({
    method: "GET",
    path: `${API}/registered-models/get`,
    retry: "safe",
    request: z.object({ name: RegisteredModelName }),
    response: RegisteredModelResponse,
  }),
  search: json({
    method: "GET",
    path: `${API}/registered-models/search`,
    retry: "safe",
    paged: true,
    request: SearchRegistry,
    response: page("registered_models", MlflowRegisteredModel, toRegisteredModel),
  }),
  getLatestVersions: json({
    method: "POST",
    path: `${API}/registered-models/get-latest-versions`,
    retry: "safe",
    deprecated: true,
    request: z.object({ name: RegisteredModelName, stages: z.array(z.string()).optional() }),
    response: z
      .object({ model_versions: z.array(MlflowModelVersion).optional() })
      .transform((r) => (r.model_versions ?? []).map(toModelVersion)),
  }),
  setTag: json({
    method: "POST",
    path: `${API}/registered-models/set-tag`,
    retry: "safe",
    request: z.object({ name: RegisteredModelName, key: RegistryTagKey, value: RegistryTagValue }),
    response: Empty,
  }),
  deleteTag: json({
    method: "DELETE",
    path: `${API}/registered-models/delete-tag`,
    retry: "unsafe",
    request: z.object({ name: RegisteredModelName, key: RegistryTagKey }),
    response: Empty,
  }),
  setAlias: json({
    method: "POST",
    path: `${API}/registered-models/alias`,
    retry: "safe",
    request: z.object({ name: RegisteredModelName, alias: Alias, version: ModelVersionNumber }),
    response: Empty,
  }),
  deleteAlias: json({
    method: "DELETE",
    path: `${API}/registered-models/alias`,
    retry: "unsafe",
    request: z.object({ name: RegisteredModelName, alias: z.string().min(1) }),
    response: Empty,
  }),
};

export const modelVersions = {
  create: json({
    method: "POST",
    path: `${API}/model-versions/create`,
    retry: "unsafe",
    request: z
      .object({
        name: RegisteredModelName,
        source: z.string().min(1),
        runId: RunId.optional(),
        modelId: z.string().optional(),
        runLink: z.string().optional(),
        description: z.string().optional(),
        tags: RegistryTags.optional(),
      })
      .transform((r) => ({
        name: r.name,
        source: r.source,
        run_id: r.runId,
        model_id: r.modelId,
        run_link: r.runLink,
        description: r.description,
        tags: toKeyValues(r.tags),
      })),
    response: ModelVersionResponse,
  }),
  get: json({
    method: "GET",
    path: `${API}/model-versions/get`,
    retry: "safe",
    request: z.object(VersionRef),
    response: ModelVersionResponse,
  }),
  getByAlias: json({
    method: "GET",
    path: `${API}/registered-models/alias`,
    retry: "safe",
    request: z.object({ name: RegisteredModelName, alias: z.string().min(1) }),
    response: ModelVersionResponse,
  }),
  update: json({
    method: "PATCH",
    path: `${API}/model-versions/update`,
    retry: "safe",
    request: z.object({ ...VersionRef, description: z.string() }),
    response: ModelVersionResponse,
  }),
  delete: json({
    method: "DELETE",
    path: `${API}/model-versions/delete`,
    retry: "unsafe",
    request: z.object(VersionRef),
    response: Empty,
  }),
  search: json({
    method: "GET",
    path: `${API}/model-versions/search`,
    retry: "safe",
    paged: true,
    request: SearchRegistry,
    response: page("model_versions", MlflowModelVersion, toModelVersion),
  }),
  getDownloadUri: json({
    method: "GET",
    path: `${API}/model-versions/get-download-uri`,
    retry: "safe",
    request: z.object(VersionRef),
    response: z.object({ artifact_uri: z.string() }).transform((r) => r.artifact_uri),
  }),
  setTag: json({
    method: "POST",
    path: `${API}/model-versions/set-tag`,
    retry: "safe",
    request: z.object({ ...VersionRef, key: RegistryTagKey, value: RegistryTagValue }),
    response: Empty,
  }),
  deleteTag: json({
    method: "DELETE",
    path: `${API}/model-versions/delete-tag`,
    retry: "unsafe",
    request: z.object({ ...VersionRef, key: RegistryTagKey }),
    response: Empty,
  }),
  transitionStage: json({
    method: "POST",
    path: `${API}/model-versions/transition-stage`,
    retry: "unsafe",
    deprecated: true,
    request: z
      .object({ ...VersionRef, stage: z.string().min(1), archiveExistingVersions: z.boolean().default(false) })
      .transform((r) => ({
        name: r.name,
        version: r.version,
        stage: r.stage,
        archive_existing_versions: r.archiveExistingVersions,
      })),
    response: ModelVersionResponse,
  }),
};
