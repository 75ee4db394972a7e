import { z } from "zod";
import { RunColumn, type RunCell } from "./columns";
import { RunLlmUsage } from "./run-detail-schemas";

/** The largest run set one view loads: MLflow's own `max_results` ceiling for runs/search. */
export const MAX_RUNS_PER_VIEW = 50_000;
/** Runs a view loads unless its URL asks for more (`limit`). */
export const DEFAULT_RUNS_PER_VIEW = 10_000;

const RunIdSchema = z.string().regex(/^[\w-]{1,256}$/, "not a run id");

/**
 * Where the next page starts, in MLflow's default order (newest `start_time` first, then run id): runs
 * that started at or before `startTime`, except `runIds`, the runs already sent that started exactly
 * then. A keyset, unlike MLflow's offset page tokens, neither skips nor repeats a run when new runs
 * are created while the view loads, and it works the same for a filter that became several searches.
 */
export const RunCursor = z.object({ startTime: z.number().int(), runIds: z.array(RunIdSchema).max(5_000) }).strict();
export type RunCursor = z.infer<typeof RunCursor>;

export const RunSearchRequest = z.object({
  experimentIds: z.array(z.string().regex(/^\d+$/, "experiment ids are numeric")).min(1).max(100),
  /** MLflow's run filter grammar plus OR and parentheses. */
  filter: z.string().max(10_000).default(""),
  runViewType: z.enum(["ACTIVE_ONLY", "DELETED_ONLY", "ALL"]).default("ACTIVE_ONLY"),
  columns: z.array(RunColumn).max(200).default([]),
  pageSize: z.number().int().min(1).max(5_000).default(1_000),
  /** Absent for the first page. */
  after: RunCursor.optional(),
  /**
   * A live refresh instead of a page: the current state of `runIds` (the view's RUNNING runs) and the
   * runs that started after `startedAfter` (new ones), both within the filter.
   */
  live: z
    .object({ runIds: z.array(RunIdSchema).max(1_000), startedAfter: z.number().int().nullable() })
    .strict()
    .optional(),
});
export type RunSearchRequest = z.input<typeof RunSearchRequest>;

const Cell: z.ZodType<RunCell> = z.union([
  z.string(),
  z.number(),
  z.null(),
  z.object({ nonFinite: z.enum(["NaN", "Infinity", "-Infinity"]) }).strict(),
]);

/** A run as the table receives it: identity, what nesting, paging and live refresh need, and one cell per column. */
export const RunRow = z
  .object({
    runId: z.string(),
    experimentId: z.string(),
    status: z.enum(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"]),
    startTime: z.number().nullable(),
    parentRunId: z.string().nullable(),
    cells: z.array(Cell),
  })
  .strict();
export type RunRow = z.infer<typeof RunRow>;

export const RunSearchResult = z
  .object({
    runs: z.array(RunRow),
    /** Where the next page starts; null on the last page and for a live refresh. */
    nextCursor: RunCursor.nullable(),
    /** Live refresh only: more new runs started than one page holds, so the view should load again. */
    overflow: z.boolean(),
    /** How many MLflow searches the filter became (one per OR-clause). */
    searches: z.number().int().positive(),
    /** Every param, metric and tag key of these runs, sorted: what the column picker offers. */
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
