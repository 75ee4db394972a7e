import { z } from "zod";
import { toExperiment, toKeyValues } from "../reshape";
import { EntityKey, ExperimentId, ExperimentName, LIMITS, MaxResults } from "../validation";
import { MlflowDatasetSummary, MlflowExperiment, ViewType } from "../wire";
import { AJAX, API, Empty, SearchOptions, TagMap, json, page } from "./spec";

export const experiments = {
  create: json({
    method: "POST",
    path: `${API}/experiments/create`,
    retry: "unsafe",
    request: z
      .object({ name: ExperimentName, artifactLocation: z.string().optional(), tags: TagMap.optional() })
      .transform((r) => ({ name: r.name, artifact_location: r.artifactLocation, tags: toKeyValues(r.tags) })),
    response: z.object({ experiment_id: z.string() }).transform((r) => r.experiment_id),
  }),
  search: json({
    method: "POST",
    path: `${API}/experiments/search`,
    retry: "safe",
    paged: true,
    // MLflow reads a missing max_results as 0 here and rejects it; its own client sends 1000.
    request: z
      .object({ ...SearchOptions, maxResults: MaxResults.default(1000), viewType: ViewType.optional() })
      .transform((r) => ({
        filter: r.filter,
        order_by: r.orderBy,
        max_results: r.maxResults,
        page_token: r.pageToken,
        view_type: r.viewType,
      })),
    response: page("experiments", MlflowExperiment, toExperiment),
  }),
  get: json({
    method: "GET",
    path: `${API}/experiments/get`,
    retry: "safe",
    request: z.object({ experimentId: ExperimentId }).transform((r) => ({ experiment_id: r.experimentId })),
    response: z.object({ experiment: MlflowExperiment }).transform((r) => toExperiment(r.experiment)),
  }),
  getByName: json({
    method: "GET",
    path: `${API}/experiments/get-by-name`,
    retry: "safe",
    request: z.object({ experimentName: z.string().min(1) }).transform((r) => ({ experiment_name: r.experimentName })),
    response: z.object({ experiment: MlflowExperiment }).transform((r) => toExperiment(r.experiment)),
  }),
  update: json({
    method: "POST",
    path: `${API}/experiments/update`,
    retry: "unsafe",
    request: z
      .object({ experimentId: ExperimentId, newName: ExperimentName })
      .transform((r) => ({ experiment_id: r.experimentId, new_name: r.newName })),
    response: Empty,
  }),
  delete: json({
    method: "POST",
    path: `${API}/experiments/delete`,
    retry: "unsafe",
    request: z.object({ experimentId: ExperimentId }).transform((r) => ({ experiment_id: r.experimentId })),
    response: Empty,
  }),
  restore: json({
    method: "POST",
    path: `${API}/experiments/restore`,
    retry: "unsafe",
    request: z.object({ experimentId: ExperimentId }).transform((r) => ({ experiment_id: r.experimentId })),
    response: Empty,
  }),
  setTag: json({
    method: "POST",
    path: `${API}/experiments/set-experiment-tag`,
    retry: "safe",
    request: z
      .object({
        experimentId: ExperimentId,
        key: EntityKey.max(LIMITS.experimentTagKeyLength),
        value: z.string().max(LIMITS.experimentTagValueLength),
      })
      .transform((r) => ({ experiment_id: r.experimentId, key: r.key, value: r.value })),
    response: Empty,
  }),
  deleteTag: json({
    method: "POST",
    path: `${API}/experiments/delete-experiment-tag`,
    retry: "unsafe",
    request: z
      .object({ experimentId: ExperimentId, key: z.string().min(1) })
      .transform((r) => ({ experiment_id: r.experimentId, key: r.key })),
    response: Empty,
  }),
  searchDatasets: json({
    method: "POST",
    path: `${AJAX}/experiments/search-datasets`,
    retry: "safe",
    request: z
      .object({ experimentIds: z.array(ExperimentId).min(1).max(20) })
      .transform((r) => ({ experiment_ids: r.experimentIds })),
    response: z.object({ dataset_summaries: z.array(MlflowDatasetSummary).optional() }).transform((r) =>
      (r.dataset_summaries ?? []).map((d) => ({
        experimentId: d.experiment_id ?? "",
        name: d.name ?? "",
        digest: d.digest ?? "",
        context: d.context ?? "",
      })),
    ),
  }),
};
