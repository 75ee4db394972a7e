import { z } from "zod";
import { RunColumn, RunOrder, type RunCell } from "./columns";
import { RunLlmUsage } from "./run-detail-schemas";

/** The largest run set one view loads: MLflow's own `max_results` ceiling for runs/search. */
export const MAX_RUNS_PER_VIEW = 50_000;

export const RunSearchRequest = z.object({
  experimentIds: z.array(z.string().regex(/^\d+$/, "experiment ids are numeric")).min(1).max(100),
  /** MLflow's run filter grammar plus OR and parentheses. */
  filter: z.string().max(10_000).default(""),
  runViewType: z.enum(["ACTIVE_ONLY", "DELETED_ONLY", "ALL"]).default("ACTIVE_ONLY"),
  columns: z.array(RunColumn).max(200).default([]),
  orderBy: z.array(RunOrder).max(10).default([]),
  maxResults: z.number().int().min(1).max(MAX_RUNS_PER_VIEW).default(10_000),
});
export type RunSearchRequest = z.input<typeof RunSearchRequest>;

const Cell: z.ZodType<RunCell> = z.union([
  z.string(),
  z.number(),
  z.null(),
  z.object({ nonFinite: z.enum(["NaN", "Infinity", "-Infinity"]) }).strict(),
]);

/** A run as the table receives it: identity, what nesting and live refresh need, and one cell per column. */
export const RunRow = z
  .object({
    runId: z.string(),
    experimentId: z.string(),
    status: z.enum(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"]),
    parentRunId: z.string().nullable(),
    cells: z.array(Cell),
  })
  .strict();
export type RunRow = z.infer<typeof RunRow>;

export const RunSearchResult = z
  .object({
    runs: z.array(RunRow),
    /** True when more runs match than `maxResults`. */
    truncated: z.boolean(),
    /** How many MLflow searches the filter became (one per OR-clause). */
    searches: z.number().int().positive(),
    /** Every param, metric and tag key of the loaded runs, sorted: what the column picker offers. */
    keys: z.object({ params: z.array(z.string()), metrics: z.array(z.string()), tags: z.array(z.string()) }).strict(),
  })
  .strict();
export type RunSearchResult = z.infer<typeof RunSearchResult>;

const RunStatusSchema = z.enum(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"]);
const KeyValue = z.object({ key: z.string(), value: z.string() }).strict();
const RunLink = z
  .object({
    runId: z.string(),
    runName: z.string(),
    status: RunStatusSchema,
    lifecycleStage: z.enum(["active", "deleted"]),
  })
  .strict();

/** One run, whole, for its own page: everything MLflow keeps of it, plus its family and source links. */
export const RunDetail = z
  .object({
    runId: z.string(),
    runName: z.string(),
    experimentId: z.string(),
    experimentName: z.string(),
    status: RunStatusSchema,
    lifecycleStage: z.enum(["active", "deleted"]),
    startTime: z.number().nullable(),
    endTime: z.number().nullable(),
    userId: z.string(),
    artifactUri: z.string(),
    /** Sorted by key. */
    params: z.array(KeyValue),
    /** Latest value per key, sorted by key; NaN and infinities travel as `{ nonFinite }`. */
    metrics: z.array(z.object({ key: z.string(), value: Cell, step: z.number(), timestamp: z.number() }).strict()),
    /** Every tag, MLflow's own (`mlflow.*`) included, sorted by key. */
    tags: z.array(KeyValue),
    /** The run's description (`mlflow.note.content`), Markdown. */
    note: z.string(),
    parent: RunLink.nullable(),
    /** Child runs (`mlflow.parentRunId` = this run), newest first, at most `childLimit`. */
    children: z.array(RunLink),
    childrenTruncated: z.boolean(),
    source: z
      .object({
        name: z.string().nullable(),
        type: z.string().nullable(),
        gitCommit: z.string().nullable(),
        gitBranch: z.string().nullable(),
        gitRepoUrl: z.string().nullable(),
        /** A browsable link to the commit, for GitHub, GitLab and Bitbucket remotes. */
        commitUrl: z.string().nullable(),
      })
      .strict(),
    /** Token and cost totals when the run, or one of its child runs, is an LLM run. */
    llm: RunLlmUsage.nullable(),
  })
  .strict();
export type RunDetail = z.infer<typeof RunDetail>;
