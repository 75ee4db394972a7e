import { z } from "zod";

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
