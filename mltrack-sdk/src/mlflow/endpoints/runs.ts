import { z } from "zod";
import { toKeyValues, toMetric, toRun, toRunInfo } from "../reshape";
import { EntityKey, ExperimentId, LIMITS, Millis, ParamValue, RunId, TagValue } from "../validation";
import { MlflowMetric, MlflowRun, MlflowRunInfo, RunStatus, ViewType, toWireDouble } from "../wire";
import { AJAX, API, Empty, SearchOptions, TagInput, TagMap, json, page } from "./spec";

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
