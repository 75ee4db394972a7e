import { z } from "zod";
import type { OverlayXAxis } from "@/features/compare/prepare";

/** What one series request may ask for: the compare page overlays up to 100 runs × 50 keys. */
export const SERIES_LIMITS = { runs: 100, metricKeys: 50, buckets: 1000 } as const;

const RunId = z.string().regex(/^[a-zA-Z0-9][\w-]{0,255}$/, "not a run id");
const MetricKey = z.string().min(1).max(250);
const unique = <T>(items: T[]) => [...new Set(items)];

export const XAxisSchema = z.enum(["step", "time", "time-relative"]);

/** An inclusive x window (a zoom), in the x-axis' own unit: steps, epoch ms or ms since the first point. */
export const SeriesRange = z
  .object({ from: z.number(), to: z.number() })
  .strict()
  .refine((range) => range.from <= range.to, { message: "from must not be greater than to", path: ["from"] });

export const MetricSeriesRequest = z
  .object({
    runIds: z.array(RunId).min(1).max(SERIES_LIMITS.runs).transform(unique),
    metricKeys: z.array(MetricKey).min(1).max(SERIES_LIMITS.metricKeys).transform(unique),
    xAxis: XAxisSchema.default("step"),
    /** About one per pixel of the chart's width; each returns at most 4 points (M4). */
    buckets: z.number().int().min(1).max(SERIES_LIMITS.buckets),
    range: SeriesRange.optional(),
  })
  .strict();
export type MetricSeriesRequest = z.input<typeof MetricSeriesRequest>;

const RunStatus = z.enum(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"]);

/** A drawn point; `y: null` breaks the line (a gap, or a NaN/±Infinity shown as a marker instead). */
const SeriesPointWire = z
  .object({ x: z.number(), y: z.number().nullable(), step: z.number(), timestamp: z.number() })
  .strict();

/** NaN and ±Infinity cannot travel as JSON numbers: they travel only as markers. */
const SeriesMarkerWire = z
  .object({
    x: z.number(),
    kind: z.enum(["nan", "+inf", "-inf"]),
    step: z.number(),
    timestamp: z.number(),
    count: z.number().int().positive(),
  })
  .strict();

export const MetricSeries = z
  .object({
    runId: z.string(),
    key: z.string(),
    points: z.array(SeriesPointWire),
    markers: z.array(SeriesMarkerWire),
    /** Logged points inside the range (the whole history without one), non-finite values included. */
    totalPoints: z.number().int().nonnegative(),
    /** Whether points were dropped to fit the buckets (each bucket's first, last, min and max are kept). */
    sampled: z.boolean(),
    xMin: z.number().nullable(),
    xMax: z.number().nullable(),
    /** Over finite values only. */
    yMin: z.number().nullable(),
    yMax: z.number().nullable(),
  })
  .strict();
export type MetricSeries = z.infer<typeof MetricSeries>;

export const MetricSeriesResponse = z
  .object({
    xAxis: XAxisSchema,
    range: z.object({ from: z.number(), to: z.number() }).strict().nullable(),
    runs: z.array(z.object({ runId: z.string(), status: RunStatus }).strict()),
    /** One per (run, key), runs in the asked order, each run's keys in the asked order. */
    series: z.array(MetricSeries),
  })
  .strict();
export type MetricSeriesResponse = z.infer<typeof MetricSeriesResponse>;

/* ---- The compare page's overlays: one metric over many runs, on any x-axis, smoothed or grouped ---- */

/** What one overlay request may ask for: the page splits 500 runs into requests of 100. */
export const OVERLAY_LIMITS = { runs: 100, groupRuns: 500, groups: 50, buckets: 1000 } as const;

/** Step, wall time, relative time, or `metric:<key>`: that metric's value at the same step. */
export const OverlayXAxisSchema = z.custom<OverlayXAxis>(
  (value) =>
    typeof value === "string" &&
    (XAxisSchema.safeParse(value).success || (value.startsWith("metric:") && value.length > 7 && value.length <= 257)),
  "xAxis must be step, time, time-relative or metric:<key>",
);

const OverlayCommon = {
  metricKey: MetricKey,
  xAxis: OverlayXAxisSchema.default("step"),
  /** EMA weight in [0, 0.99], applied to each full-resolution series before it is downsampled; 0 is off. */
  smoothing: z.number().min(0).max(0.99).default(0),
  buckets: z.number().int().min(1).max(OVERLAY_LIMITS.buckets),
  range: SeriesRange.optional(),
};

export const OverlaySeriesRequest = z
  .object({
    runIds: z.array(RunId).min(1).max(OVERLAY_LIMITS.runs).transform(unique),
    ...OverlayCommon,
    /**
     * Answer at once: full series for the histories this server already holds, MLflow's sampled history
     * (marked `preview`) for the rest. The page then asks again, without it, for the previewed runs.
     */
    preview: z.boolean().default(false),
  })
  .strict();
export type OverlaySeriesRequest = z.input<typeof OverlaySeriesRequest>;

/**
 * A drawn line as parallel columns (a third of the bytes of one object per point: 100 runs × 4,000
 * points is the common case); `y: null` breaks the line. `step` is left out on a step axis (it is x).
 */
export const LineColumns = z
  .object({ x: z.array(z.number()), y: z.array(z.number().nullable()), step: z.array(z.number()).optional() })
  .strict();
export type LineColumns = z.infer<typeof LineColumns>;

export const OverlaySeries = z
  .object({
    runId: z.string(),
    key: z.string(),
    line: LineColumns,
    /** The smoothed line (EMA over the full series, then downsampled), or null without smoothing. */
    smoothed: LineColumns.nullable(),
    markers: MetricSeries.shape.markers,
    totalPoints: z.number().int().nonnegative(),
    sampled: z.boolean(),
    /**
     * Drawn from MLflow's sampled history (`get-history-bulk-interval`, a few hundred points per run)
     * while the full history is read: a spike between samples is missing. `totalPoints` then counts
     * the sample; none when the preview ran out of time before this run (its full series follows).
     */
    preview: z.boolean(),
    xMin: z.number().nullable(),
    xMax: z.number().nullable(),
    yMin: z.number().nullable(),
    yMax: z.number().nullable(),
  })
  .strict();
export type OverlaySeries = z.infer<typeof OverlaySeries>;

export const OverlaySeriesResponse = z
  .object({
    xAxis: z.string(),
    range: z.object({ from: z.number(), to: z.number() }).strict().nullable(),
    runs: z.array(z.object({ runId: z.string(), status: RunStatus }).strict()),
    /** One per run, in the asked order; an empty series for a run that never logged the key. */
    series: z.array(OverlaySeries),
  })
  .strict();
export type OverlaySeriesResponse = z.infer<typeof OverlaySeriesResponse>;

export const GroupSeriesRequest = z
  .object({
    /** Groups of runs (by a param or tag value); a run belongs to one group. */
    groups: z
      .array(
        z
          .object({ id: z.string().min(1).max(8000), runIds: z.array(RunId).min(1).max(OVERLAY_LIMITS.groupRuns) })
          .strict(),
      )
      .min(1)
      .max(OVERLAY_LIMITS.groups)
      .refine((groups) => groups.reduce((n, g) => n + g.runIds.length, 0) <= OVERLAY_LIMITS.groupRuns, {
        message: `at most ${OVERLAY_LIMITS.groupRuns} runs over all groups`,
      }),
    ...OverlayCommon,
  })
  .strict();
export type GroupSeriesRequest = z.input<typeof GroupSeriesRequest>;

const BandPointWire = z
  .object({ x: z.number(), step: z.number(), mean: z.number(), lo: z.number(), hi: z.number(), count: z.number() })
  .strict();

export const GroupSeries = z
  .object({
    id: z.string(),
    /** Runs of the group that logged the key. */
    runs: z.number().int().nonnegative(),
    /** The mean line with the ± std band's envelope per drawn point; steps no run has are not there. */
    points: z.array(BandPointWire),
    /** The mean smoothed at full resolution, then downsampled; null without smoothing. */
    smoothed: LineColumns.nullable(),
    /** NaN and ±Infinity the mean leaves out, per step and kind, `count` = runs. */
    markers: z.array(SeriesMarkerWire),
    sampled: z.boolean(),
  })
  .strict();
export type GroupSeries = z.infer<typeof GroupSeries>;

export const GroupSeriesResponse = z
  .object({
    xAxis: z.string(),
    range: z.object({ from: z.number(), to: z.number() }).strict().nullable(),
    groups: z.array(GroupSeries),
  })
  .strict();
export type GroupSeriesResponse = z.infer<typeof GroupSeriesResponse>;
