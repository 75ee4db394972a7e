/**
 * The runs table's columns and sort keys, as the browser asks for them. The server projects every run
 * down to exactly these columns, so a view costs the bytes it shows and no more.
 */
import { z } from "zod";

/** Run attributes a column can show; the derived ones (source, git commit, parent) come from MLflow's tags. */
export const RUN_ATTRIBUTES = [
  "runName",
  "status",
  "startTime",
  "endTime",
  "duration",
  "userId",
  "source",
  "gitCommit",
  "parentRunId",
  "experimentId",
  "lifecycleStage",
] as const;
export type RunAttribute = (typeof RUN_ATTRIBUTES)[number];

/** min and max read the metric's whole history; last is the run's summary value. */
export const METRIC_AGGREGATES = ["last", "min", "max"] as const;
export type MetricAggregate = (typeof METRIC_AGGREGATES)[number];

const EntityKey = z.string().min(1).max(250);

export const RunColumn = z.discriminatedUnion("type", [
  z.object({ type: z.literal("attribute"), key: z.enum(RUN_ATTRIBUTES) }),
  z.object({ type: z.literal("param"), key: EntityKey }),
  z.object({ type: z.literal("tag"), key: EntityKey }),
  z.object({ type: z.literal("metric"), key: EntityKey, aggregate: z.enum(METRIC_AGGREGATES).default("last") }),
]);
export type RunColumn = z.output<typeof RunColumn>;

/** How a view orders its rows: by one of its columns, in the browser, over every loaded run. */
export const RunOrder = z.object({ column: RunColumn, descending: z.boolean().default(false) });
export type RunOrder = z.output<typeof RunOrder>;

/** A cell: text, a number, nothing, or a metric value JSON cannot carry as a number. */
export type RunCell = string | number | null | NonFiniteValue;
export type NonFiniteValue = { nonFinite: "NaN" | "Infinity" | "-Infinity" };

/**
 * A column's name, unique within a view and also its form in the URL: `param:lr`, `metric:min:val/loss`.
 * The key comes last and takes the rest, so keys may hold any character, `:` included.
 */
export function columnId(column: RunColumn): string {
  return column.type === "metric" ? `metric:${column.aggregate}:${column.key}` : `${column.type}:${column.key}`;
}
