import { z } from "zod";
import { RunColumn, RunOrder, type RunCell } from "./columns";

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
