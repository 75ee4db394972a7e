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

/** The attributes MLflow can order runs by, with their names in `order_by`. */
export const ORDERABLE_ATTRIBUTES = {
  startTime: "start_time",
  endTime: "end_time",
  runName: "run_name",
  status: "status",
  userId: "user_id",
  experimentId: "experiment_id",
} as const satisfies Partial<Record<RunAttribute, string>>;

export const RunOrder = z.object({
  column: z.discriminatedUnion("type", [
    z.object({
      type: z.literal("attribute"),
      key: z.enum(Object.keys(ORDERABLE_ATTRIBUTES) as [keyof typeof ORDERABLE_ATTRIBUTES]),
    }),
    z.object({
      type: z.enum(["param", "tag", "metric"]),
      key: EntityKey.refine((key) => !key.includes("`"), "MLflow cannot order by a key containing a backtick"),
    }),
  ]),
  descending: z.boolean().default(false),
});
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

/** `order_by` in MLflow's syntax: `metrics.\`val loss\` DESC`. */
export function toMlflowOrderBy(order: RunOrder): string {
  const { column } = order;
  const field =
    column.type === "attribute"
      ? `attributes.${ORDERABLE_ATTRIBUTES[column.key]}`
      : `${column.type}s.${/^[A-Za-z_][A-Za-z0-9_]*$/.test(column.key) ? column.key : `\`${column.key}\``}`;
  return `${field} ${order.descending ? "DESC" : "ASC"}`;
}
