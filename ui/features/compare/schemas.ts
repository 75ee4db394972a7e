import { z } from "zod";
import type { RunCell } from "@/features/runs";
import { MAX_COMPARED_RUNS } from "./search-params";

const RunId = z.string().regex(/^[a-zA-Z0-9][\w-]{0,255}$/, "not a run id");
const Cell: z.ZodType<RunCell> = z.union([
  z.string(),
  z.number(),
  z.null(),
  z.object({ nonFinite: z.enum(["NaN", "Infinity", "-Infinity"]) }).strict(),
]);

/** Up to this many metric keys per summaries request; by default every key each run has logged. */
export const MAX_SUMMARY_KEYS = 1000;

export const CompareRunsRequest = z.object({ runIds: z.array(RunId).min(1).max(MAX_COMPARED_RUNS) }).strict();
export type CompareRunsRequest = z.input<typeof CompareRunsRequest>;

/** A compared run: who it is, where it lives, and its params, latest metrics and user tags. */
export const CompareRun = z
  .object({
    runId: z.string(),
    runName: z.string(),
    experimentId: z.string(),
    experimentName: z.string(),
    status: z.enum(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"]),
    startTime: z.number().nullable(),
    endTime: z.number().nullable(),
    params: z.record(z.string(), z.string()),
    /** Latest value per key (MLflow's run summary); NaN and infinities travel as `{ nonFinite }`. */
    metrics: z.record(z.string(), z.object({ value: Cell, step: z.number(), timestamp: z.number() }).strict()),
    /** Tags other than MLflow's own (`mlflow.*`). */
    tags: z.record(z.string(), z.string()),
  })
  .strict();
export type CompareRun = z.infer<typeof CompareRun>;

export const CompareRunsResponse = z
  .object({
    /** In the asked order. */
    runs: z.array(CompareRun),
    /** Asked run ids MLflow does not have (deleted for good, or mistyped). */
    missing: z.array(z.string()),
  })
  .strict();
export type CompareRunsResponse = z.infer<typeof CompareRunsResponse>;

export const MetricSummariesRequest = z
  .object({
    runIds: z.array(RunId).min(1).max(MAX_COMPARED_RUNS),
    /** Only these keys; left out, every key each run has logged. */
    metricKeys: z.array(z.string().min(1).max(250)).min(1).max(MAX_SUMMARY_KEYS).optional(),
  })
  .strict();
export type MetricSummariesRequest = z.input<typeof MetricSummariesRequest>;

/** One run's metric over its full history: extremes and where the first of each was reached. */
export const MetricSummary = z
  .object({
    runId: z.string(),
    key: z.string(),
    /** Points in the history, NaN included. */
    points: z.number().int(),
    /** Extremes over every value but NaN; ±Infinity travel as `{ nonFinite }`; null when there is none. */
    min: Cell,
    minStep: z.number().nullable(),
    max: Cell,
    maxStep: z.number().nullable(),
    /** NaN points in the history. */
    nan: z.number().int(),
  })
  .strict();
export type MetricSummary = z.infer<typeof MetricSummary>;

export const MetricSummariesResponse = z
  .object({
    /** Per run in the asked order, per key sorted; only keys the run has logged. */
    summaries: z.array(MetricSummary),
    /** Asked run ids MLflow does not have. */
    missing: z.array(z.string()),
  })
  .strict();
export type MetricSummariesResponse = z.infer<typeof MetricSummariesResponse>;
