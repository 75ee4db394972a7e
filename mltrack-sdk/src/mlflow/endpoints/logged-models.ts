import { z } from "zod";
import { toKeyValues, toLoggedModel } from "../reshape";
import { ExperimentId, RunId } from "../validation";
import { LoggedModelStatus, MlflowLoggedModel } from "../wire";
import { FileListing } from "./artifacts";
import { AJAX, API, Empty, TagMap, json, page, raw } from "./spec";

const ModelId = z
  .string()
  .min(1)
  .regex(/^[\w-]+$/, "Invalid model ID");
const LoggedModelResponse = z.object({ model: MlflowLoggedModel }).transform((r) => toLoggedModel(r.model));

export const loggedModels = {
  create: json({
    method: "POST",
    path: `${API}/logged-models`,
    retry: "unsafe",
    request: z
      .object({
        experimentId: ExperimentId,
        name: z.string().optional(),
        modelType: z.string().optional(),
        sourceRunId: RunId.optional(),
        params: z.record(z.string(), z.string()).optional(),
        tags: TagMap.optional(),
      })
      .transform((r) => ({
        experiment_id: r.experimentId,
        name: r.name,
        model_type: r.modelType,
        source_run_id: r.sourceRunId,
        params: toKeyValues(r.params),
        tags: toKeyValues(r.tags),
      })),
    response: LoggedModelResponse,
  }),
  get: json({
    method: "GET",
    path: `${API}/logged-models/{model_id}`,
    retry: "safe",
    request: z.object({ modelId: ModelId }).transform((r) => ({ model_id: r.modelId })),
    response: LoggedModelResponse,
  }),
  finalize: json({
    method: "PATCH",
    path: `${API}/logged-models/{model_id}`,
    retry: "safe",
    request: z
      .object({ modelId: ModelId, status: LoggedModelStatus })
      .transform((r) => ({ model_id: r.modelId, status: r.status })),
    response: LoggedModelResponse,
  }),
  delete: json({
    method: "DELETE",
    path: `${API}/logged-models/{model_id}`,
    retry: "unsafe",
    request: z.object({ modelId: ModelId }).transform((r) => ({ model_id: r.modelId })),
    response: Empty,
  }),
  search: json({
    method: "POST",
    path: `${API}/logged-models/search`,
    retry: "safe",
    paged: true,
    request: z
      .object({
        experimentIds: z.array(ExperimentId).min(1),
        filter: z.string().optional(),
        maxResults: z.number().int().positive().optional(),
        pageToken: z.string().optional(),
        orderBy: z.array(z.object({ fieldName: z.string().min(1), ascending: z.boolean().optional() })).optional(),
      })
      .transform((r) => ({
        experiment_ids: r.experimentIds,
        filter: r.filter,
        max_results: r.maxResults,
        page_token: r.pageToken,
        order_by: r.orderBy?.map((o) => ({ field_name: o.fieldName, ascending: o.ascending })),
      })),
    response: page("models", MlflowLoggedModel, toLoggedModel),
  }),
  setTags: json({
    method: "PATCH",
    path: `${API}/logged-models/{model_id}/tags`,
    retry: "safe",
    request: z
      .object({ modelId: ModelId, tags: TagMap })
      .transform((r) => ({ model_id: r.modelId, tags: toKeyValues(r.tags) })),
    // The proto declares `model` in the answer; MLflow 3.18 sends `{}`.
    response: z.object({ model: MlflowLoggedModel.optional() }).transform((): void => undefined),
  }),
  deleteTag: json({
    method: "DELETE",
    path: `${API}/logged-models/{model_id}/tags/{tag_key}`,
    retry: "unsafe",
    request: z
      .object({ modelId: ModelId, key: z.string().min(1) })
      .transform((r) => ({ model_id: r.modelId, tag_key: r.key })),
    response: Empty,
  }),
  logParams: json({
    method: "POST",
    path: `${API}/logged-models/{model_id}/params`,
    retry: "safe",
    request: z
      .object({ modelId: ModelId, params: z.record(z.string(), z.string()) })
      .transform((r) => ({ model_id: r.modelId, params: toKeyValues(r.params) })),
    response: Empty,
  }),
  listArtifacts: json({
    method: "GET",
    path: `${API}/logged-models/{model_id}/artifacts/directories`,
    retry: "safe",
    paged: true,
    artifactPaths: { query: ["artifact_directory_path"] },
    request: z
      .object({ modelId: ModelId, path: z.string().optional(), pageToken: z.string().optional() })
      .transform((r) => ({ model_id: r.modelId, artifact_directory_path: r.path, page_token: r.pageToken })),
    response: FileListing,
  }),
  downloadFile: raw({
    method: "GET",
    path: `${AJAX}/logged-models/{model_id}/artifacts/files`,
    retry: "safe",
    artifactPaths: { query: ["artifact_file_path"] },
  }),
};
