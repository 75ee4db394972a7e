/**
 * One entry per MLflow REST endpoint MLTrack speaks: method, path, zod request (domain camelCase
 * in, wire snake_case out) and response (wire in, domain out), and whether a retry is safe.
 * The typed client is generated from this table, and the UI's gateway allow-list is read off it.
 */
import { z } from "zod";
import {
  toExperiment,
  toFileInfo,
  toKeyValues,
  toLoggedModel,
  toMetric,
  toModelVersion,
  toRegisteredModel,
  toRun,
  toRunInfo,
} from "./reshape";
import type { Page } from "./types";
import {
  Alias,
  EntityKey,
  ExperimentId,
  ExperimentName,
  LIMITS,
  MaxResults,
  Millis,
  ModelVersionNumber,
  OrderBy,
  ParamValue,
  RegisteredModelName,
  RunId,
  TagValue,
} from "./validation";
import {
  LoggedModelStatus,
  MlflowDatasetSummary,
  MlflowExperiment,
  MlflowFileInfo,
  MlflowKeyValue,
  MlflowLoggedModel,
  MlflowMetric,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
  MlflowRunInfo,
  RunStatus,
  ViewType,
  int64,
  toWireDouble,
} from "./wire";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * `safe`: repeating the request leaves the same state (reads, set-tag, log-batch), so it is retried
 * on network errors, 429 and 5xx. `unsafe`: a repeat could duplicate or fail (runs/create), so it is
 * retried only when the request provably never ran (connection refused, 429).
 */
export type RetryPolicy = "safe" | "unsafe";

/** Where a request carries artifact paths, which the gateway checks before forwarding. */
export interface ArtifactPathFields {
  query?: readonly string[];
  body?: readonly string[];
  /** The path template's trailing `{artifact_path+}`. */
  tail?: boolean;
}

export interface JsonEndpoint<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: "json";
  readonly method: HttpMethod;
  /** Absolute path; `{name}` is one segment filled from the wire request, `{name+}` the rest. */
  readonly path: string;
  readonly request: Req;
  readonly response: Res;
  readonly retry: RetryPolicy;
  readonly artifactPaths?: ArtifactPathFields;
  /** Served by MLflow for older clients; MLTrack itself does not write through it. */
  readonly deprecated?: true;
  /** The response is a `Page` and the request takes `pageToken`: the client adds `<name>All`. */
  readonly paged?: true;
}

/** Endpoints whose response is bytes or text, streamed rather than parsed. */
export interface RawEndpoint {
  readonly kind: "raw";
  readonly method: HttpMethod;
  readonly path: string;
  readonly retry: RetryPolicy;
  readonly artifactPaths?: ArtifactPathFields;
  /** The request body: file bytes to stream through, or a small JSON document. Default none. */
  readonly body?: "stream" | "json";
}

export type Endpoint = JsonEndpoint | RawEndpoint;

const json = <const S extends Omit<JsonEndpoint, "kind">>(spec: S): S & { readonly kind: "json" } => ({
  kind: "json",
  ...spec,
});

const raw = (spec: Omit<RawEndpoint, "kind">): RawEndpoint => ({ kind: "raw", ...spec });

const API = "/api/2.0/mlflow";
const AJAX = "/ajax-api/2.0/mlflow";
const ARTIFACTS = "/api/2.0/mlflow-artifacts";

const Empty = z.object({}).transform((): void => undefined);
const TagMap = z.record(z.string(), z.string());
const TagInput = z.record(EntityKey, TagValue);

function page<T extends z.ZodType, U>(key: string, item: T, map: (wire: z.output<T>) => U) {
  return z
    .object({ [key]: z.array(item).optional(), next_page_token: z.string().optional() })
    .transform((r): Page<U> => {
      const items = ((r[key] ?? []) as z.output<T>[]).map(map);
      const token = r.next_page_token as string | undefined;
      return token ? { items, nextPageToken: token } : { items };
    });
}

const SearchOptions = {
  filter: z.string().optional(),
  orderBy: OrderBy.optional(),
  maxResults: MaxResults.optional(),
  pageToken: z.string().optional(),
};

/** Any double, NaN and ±Infinity included (z.number() refuses those). */
const MetricValue = z.custom<number>((v) => typeof v === "number", "Metric values must be numbers");

const MetricInput = z.object({
  key: EntityKey,
  value: MetricValue,
  timestamp: Millis,
  step: z.number().int().default(0),
});
export type MetricInput = z.input<typeof MetricInput>;

const wireMetric = (m: z.output<typeof MetricInput>) => ({
  key: m.key,
  value: toWireDouble(m.value),
  timestamp: m.timestamp,
  step: m.step,
});

const DatasetInputSchema = z.object({
  name: z.string().min(1).max(500),
  digest: z.string().min(1).max(36),
  sourceType: z.string().min(1),
  source: z.string().min(1),
  schema: z.string().optional(),
  profile: z.string().optional(),
  tags: TagMap.optional(),
});

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

export const runs = {
  create: json({
    method: "POST",
    path: `${API}/runs/create`,
    retry: "unsafe",
    request: z
      .object({
        experimentId: ExperimentId,
        runName: z.string().optional(),
        startTime: Millis.optional(),
        tags: TagInput.optional(),
      })
      .transform((r) => ({
        experiment_id: r.experimentId,
        run_name: r.runName,
        start_time: r.startTime,
        tags: toKeyValues(r.tags),
      })),
    response: z.object({ run: MlflowRun }).transform((r) => toRun(r.run)),
  }),
  update: json({
    method: "POST",
    path: `${API}/runs/update`,
    retry: "safe",
    request: z
      .object({
        runId: RunId,
        status: RunStatus.optional(),
        endTime: Millis.optional(),
        runName: z.string().optional(),
      })
      .transform((r) => ({ run_id: r.runId, status: r.status, end_time: r.endTime, run_name: r.runName })),
    response: z.object({ run_info: MlflowRunInfo }).transform((r) => toRunInfo(r.run_info)),
  }),
  delete: json({
    method: "POST",
    path: `${API}/runs/delete`,
    retry: "unsafe",
    request: z.object({ runId: RunId }).transform((r) => ({ run_id: r.runId })),
    response: Empty,
  }),
  restore: json({
    method: "POST",
    path: `${API}/runs/restore`,
    retry: "unsafe",
    request: z.object({ runId: RunId }).transform((r) => ({ run_id: r.runId })),
    response: Empty,
  }),
  get: json({
    method: "GET",
    path: `${API}/runs/get`,
    retry: "safe",
    request: z.object({ runId: RunId }).transform((r) => ({ run_id: r.runId })),
    response: z.object({ run: MlflowRun }).transform((r) => toRun(r.run)),
  }),
  search: json({
    method: "POST",
    path: `${API}/runs/search`,
    retry: "safe",
    paged: true,
    request: z
      .object({ experimentIds: z.array(ExperimentId).min(1), runViewType: ViewType.optional(), ...SearchOptions })
      .transform((r) => ({
        experiment_ids: r.experimentIds,
        filter: r.filter,
        run_view_type: r.runViewType,
        max_results: r.maxResults,
        order_by: r.orderBy,
        page_token: r.pageToken,
      })),
    response: page("runs", MlflowRun, toRun),
  }),
  logMetric: json({
    method: "POST",
    path: `${API}/runs/log-metric`,
    retry: "safe",
    request: MetricInput.extend({
      runId: RunId,
      modelId: z.string().optional(),
      datasetName: z.string().optional(),
      datasetDigest: z.string().optional(),
    }).transform((r) => ({
      run_id: r.runId,
      ...wireMetric(r),
      model_id: r.modelId,
      dataset_name: r.datasetName,
      dataset_digest: r.datasetDigest,
    })),
    response: Empty,
  }),
  logParam: json({
    method: "POST",
    path: `${API}/runs/log-parameter`,
    retry: "safe",
    request: z
      .object({ runId: RunId, key: EntityKey, value: ParamValue })
      .transform((r) => ({ run_id: r.runId, key: r.key, value: r.value })),
    response: Empty,
  }),
  setTag: json({
    method: "POST",
    path: `${API}/runs/set-tag`,
    retry: "safe",
    request: z
      .object({ runId: RunId, key: EntityKey, value: TagValue })
      .transform((r) => ({ run_id: r.runId, key: r.key, value: r.value })),
    response: Empty,
  }),
  deleteTag: json({
    method: "POST",
    path: `${API}/runs/delete-tag`,
    retry: "unsafe",
    request: z.object({ runId: RunId, key: z.string().min(1) }).transform((r) => ({ run_id: r.runId, key: r.key })),
    response: Empty,
  }),
  logBatch: json({
    method: "POST",
    path: `${API}/runs/log-batch`,
    retry: "safe",
    request: z
      .object({
        runId: RunId,
        metrics: z.array(MetricInput).max(LIMITS.metricsPerBatch).default([]),
        params: z.record(EntityKey, ParamValue).default({}),
        tags: TagInput.default({}),
      })
      .superRefine((r, ctx) => {
        const params = Object.keys(r.params).length;
        const tags = Object.keys(r.tags).length;
        if (params > LIMITS.paramsPerBatch)
          ctx.addIssue({
            code: "custom",
            path: ["params"],
            message: `At most ${LIMITS.paramsPerBatch} params per batch, got ${params}`,
          });
        if (tags > LIMITS.tagsPerBatch)
          ctx.addIssue({
            code: "custom",
            path: ["tags"],
            message: `At most ${LIMITS.tagsPerBatch} tags per batch, got ${tags}`,
          });
        const total = r.metrics.length + params + tags;
        if (total > LIMITS.entitiesPerBatch)
          ctx.addIssue({
            code: "custom",
            path: [],
            message: `At most ${LIMITS.entitiesPerBatch} metrics, params and tags per batch, got ${total}`,
          });
      })
      .transform((r) => ({
        run_id: r.runId,
        metrics: r.metrics.map(wireMetric),
        params: toKeyValues(r.params),
        tags: toKeyValues(r.tags),
      })),
    response: Empty,
  }),
  logInputs: json({
    method: "POST",
    path: `${API}/runs/log-inputs`,
    retry: "safe",
    request: z
      .object({
        runId: RunId,
        datasets: z.array(DatasetInputSchema).default([]),
        modelIds: z.array(z.string().min(1)).default([]),
      })
      .transform((r) => ({
        run_id: r.runId,
        datasets: r.datasets.map((d) => ({
          tags: toKeyValues(d.tags) ?? [],
          dataset: {
            name: d.name,
            digest: d.digest,
            source_type: d.sourceType,
            source: d.source,
            schema: d.schema,
            profile: d.profile,
          },
        })),
        models: r.modelIds.map((model_id) => ({ model_id })),
      })),
    response: Empty,
  }),
  logOutputs: json({
    method: "POST",
    path: `${API}/runs/outputs`,
    retry: "safe",
    request: z
      .object({
        runId: RunId,
        models: z.array(z.object({ modelId: z.string().min(1), step: z.number().int().default(0) })),
      })
      .transform((r) => ({ run_id: r.runId, models: r.models.map((m) => ({ model_id: m.modelId, step: m.step })) })),
    response: Empty,
  }),
  logModel: json({
    method: "POST",
    path: `${API}/runs/log-model`,
    retry: "safe",
    deprecated: true,
    request: z
      .object({ runId: RunId, modelJson: z.string().min(1) })
      .transform((r) => ({ run_id: r.runId, model_json: r.modelJson })),
    response: Empty,
  }),
};

const MetricWithRunId = MlflowMetric.extend({ run_id: z.string() });

export const metrics = {
  getHistory: json({
    method: "GET",
    path: `${API}/metrics/get-history`,
    retry: "safe",
    paged: true,
    request: z
      .object({
        runId: RunId,
        metricKey: z.string().min(1),
        maxResults: z.number().int().positive().max(LIMITS.metricHistoryMaxResults).optional(),
        pageToken: z.string().optional(),
      })
      .transform((r) => ({
        run_id: r.runId,
        metric_key: r.metricKey,
        max_results: r.maxResults,
        page_token: r.pageToken,
      })),
    response: page("metrics", MlflowMetric, toMetric),
  }),
  getHistoryBulkInterval: json({
    method: "GET",
    path: `${API}/metrics/get-history-bulk-interval`,
    retry: "safe",
    request: z
      .object({
        runIds: z.array(RunId).min(1).max(LIMITS.bulkIntervalRuns),
        metricKey: z.string().min(1),
        startStep: z.number().int().optional(),
        endStep: z.number().int().optional(),
        maxResults: z.number().int().min(1).max(LIMITS.bulkIntervalMaxResults).optional(),
      })
      .refine((r) => (r.startStep === undefined) === (r.endStep === undefined), {
        message: "startStep and endStep go together",
        path: ["startStep"],
      })
      .transform((r) => ({
        run_ids: r.runIds,
        metric_key: r.metricKey,
        start_step: r.startStep,
        end_step: r.endStep,
        max_results: r.maxResults,
      })),
    response: z
      .object({ metrics: z.array(MetricWithRunId).optional() })
      .transform((r) => (r.metrics ?? []).map(toMetric)),
  }),
  getHistoryBulk: json({
    method: "GET",
    path: `${AJAX}/metrics/get-history-bulk`,
    retry: "safe",
    request: z
      .object({
        runIds: z.array(RunId).min(1).max(100),
        metricKey: z.string().min(1),
        maxResults: z.number().int().positive().max(LIMITS.metricHistoryMaxResults).optional(),
      })
      .transform((r) => ({ run_id: r.runIds, metric_key: r.metricKey, max_results: r.maxResults })),
    response: z
      .object({ metrics: z.array(MetricWithRunId).optional() })
      .transform((r) => (r.metrics ?? []).map(toMetric)),
  }),
};

const PresignedResponse = z
  .object({
    presigned_url: z.string(),
    headers: z.union([z.array(MlflowKeyValue), z.record(z.string(), z.string())]).optional(),
    file_size: int64.optional(),
  })
  .transform((r) => ({
    url: r.presigned_url,
    headers: Array.isArray(r.headers)
      ? Object.fromEntries(r.headers.map((h) => [h.key, h.value ?? ""]))
      : (r.headers ?? {}),
    fileSize: r.file_size ?? null,
  }));

const FileListing = z
  .object({
    root_uri: z.string().optional(),
    files: z.array(MlflowFileInfo).optional(),
    next_page_token: z.string().optional(),
  })
  .transform((r) => ({
    rootUri: r.root_uri ?? "",
    items: (r.files ?? []).map(toFileInfo),
    ...(r.next_page_token ? { nextPageToken: r.next_page_token } : {}),
  }));

export const artifacts = {
  list: json({
    method: "GET",
    path: `${API}/artifacts/list`,
    retry: "safe",
    paged: true,
    artifactPaths: { query: ["path"] },
    request: z
      .object({ runId: RunId, path: z.string().optional(), pageToken: z.string().optional() })
      .transform((r) => ({ run_id: r.runId, path: r.path, page_token: r.pageToken })),
    response: FileListing,
  }),
  createPresignedUploadUrl: json({
    method: "POST",
    path: `${API}/artifacts/presigned-upload-url`,
    retry: "safe",
    artifactPaths: { body: ["path"] },
    request: z
      .object({
        runId: RunId.optional(),
        modelId: z.string().optional(),
        path: z.string().min(1),
        expiration: z.number().int().positive().optional(),
      })
      .transform((r) => ({ run_id: r.runId, model_id: r.modelId, path: r.path, expiration: r.expiration })),
    response: PresignedResponse,
  }),
  createPresignedDownloadUrl: json({
    method: "POST",
    path: `${API}/artifacts/presigned-download-url`,
    retry: "safe",
    artifactPaths: { body: ["path"] },
    request: z
      .object({ runId: RunId, path: z.string().min(1), expiration: z.number().int().positive().optional() })
      .transform((r) => ({ run_id: r.runId, path: r.path, expiration: r.expiration })),
    response: PresignedResponse,
  }),
  /** Bytes of a run's artifact, with MLflow's guessed MIME type. */
  download: raw({ method: "GET", path: "/get-artifact", retry: "safe", artifactPaths: { query: ["path"] } }),
  /** Bytes of a registered model version's artifact. */
  downloadModelVersionFile: raw({
    method: "GET",
    path: "/model-versions/get-artifact",
    retry: "safe",
    artifactPaths: { query: ["path"] },
  }),
  /** The MLflow UI's upload (raw body, at most 10 MB), query `run_uuid` and `path`. */
  uploadViaUi: raw({
    method: "POST",
    path: `${AJAX}/upload-artifact`,
    retry: "safe",
    artifactPaths: { query: ["path"] },
    body: "stream",
  }),
};

const ArtifactTail = { tail: true } as const;

/** The artifact proxy (`--serve-artifacts`): paths relative to the artifacts destination. */
export const artifactProxy = {
  list: json({
    method: "GET",
    path: `${ARTIFACTS}/artifacts`,
    retry: "safe",
    artifactPaths: { query: ["path"] },
    request: z.object({ path: z.string().optional() }).transform((r) => ({ path: r.path })),
    response: z.object({ files: z.array(MlflowFileInfo).optional() }).transform((r) => (r.files ?? []).map(toFileInfo)),
  }),
  download: raw({
    method: "GET",
    path: `${ARTIFACTS}/artifacts/{artifact_path+}`,
    retry: "safe",
    artifactPaths: ArtifactTail,
  }),
  upload: raw({
    method: "PUT",
    path: `${ARTIFACTS}/artifacts/{artifact_path+}`,
    retry: "safe",
    artifactPaths: ArtifactTail,
    body: "stream",
  }),
  delete: raw({
    method: "DELETE",
    path: `${ARTIFACTS}/artifacts/{artifact_path+}`,
    retry: "unsafe",
    artifactPaths: ArtifactTail,
  }),
  presignedDownload: raw({
    method: "GET",
    path: `${ARTIFACTS}/presigned/{artifact_path+}`,
    retry: "safe",
    artifactPaths: ArtifactTail,
  }),
  createMultipartUpload: raw({
    method: "POST",
    path: `${ARTIFACTS}/mpu/create/{artifact_path+}`,
    retry: "unsafe",
    artifactPaths: ArtifactTail,
    body: "json",
  }),
  completeMultipartUpload: raw({
    method: "POST",
    path: `${ARTIFACTS}/mpu/complete/{artifact_path+}`,
    retry: "unsafe",
    artifactPaths: ArtifactTail,
    body: "json",
  }),
  abortMultipartUpload: raw({
    method: "POST",
    path: `${ARTIFACTS}/mpu/abort/{artifact_path+}`,
    retry: "unsafe",
    artifactPaths: ArtifactTail,
    body: "json",
  }),
};

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
    response: LoggedModelResponse,
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

export const server = {
  /** `GET /health`: "OK" once the server is up. */
  health: raw({ method: "GET", path: "/health", retry: "safe" }),
  /** `GET /version`: the bare MLflow version text. */
  version: raw({ method: "GET", path: "/version", retry: "safe" }),
  /** Capabilities MLflow 3 clients read at start (store type, artifact serving, workspaces). */
  info: json({
    method: "GET",
    path: "/api/3.0/mlflow/server-info",
    retry: "safe",
    request: z.object({}),
    response: z.record(z.string(), z.unknown()),
  }),
};

/** Every endpoint, grouped as the client exposes them. */
export const endpoints = {
  experiments,
  runs,
  metrics,
  artifacts,
  artifactProxy,
  registeredModels,
  modelVersions,
  loggedModels,
  server,
};

export type Endpoints = typeof endpoints;
