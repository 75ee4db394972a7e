import "server-only";
import type { z } from "zod";
import type { MlflowClient, Run } from "mltrack-sdk/mlflow";
import {
  downsampleBand,
  downsampleSeries,
  groupMarkers,
  groupStatistics,
  overlayPoints,
  smoothSeries,
  toMetricColumns,
  xMetricKey,
  type DownsampledSeries,
  type MetricColumns,
  type OverlayXAxis,
  type SeriesPoint,
} from "@/features/compare/prepare";
import {
  GroupSeriesRequest,
  OverlaySeriesRequest,
  type GroupSeries,
  type GroupSeriesResponse,
  type LineColumns,
  type OverlaySeries,
  type OverlaySeriesResponse,
} from "../schemas";
import { sharedHistoryReader, type HistoryReader } from "./history-reader";
import { createPreparedCache } from "./prepared-cache";

const EMPTY = toMetricColumns([]);

/** Prepared overlays of finished runs, living as long as their cached histories (see prepared-cache.ts). */
const preparedOverlays = createPreparedCache<OverlaySeries>();

/** A run's histories for an overlay: `key`, and the x metric's when x is another metric. */
interface RunHistories {
  history: MetricColumns;
  /** The x metric's history, or null on the step and time axes. */
  xHistory: MetricColumns | null;
}

/**
 * A run's histories of `key` for the overlay's x-axis, or null when it never logged the key. For
 * x = another metric both are read (each cached once the run has finished).
 */
async function runHistories(
  mlflow: MlflowClient,
  reader: HistoryReader,
  run: Run,
  key: string,
  xAxis: OverlayXAxis,
): Promise<RunHistories | null> {
  const { runId, status } = run.info;
  const latest = run.data.metrics[key];
  if (!latest) return null;
  const xKey = xMetricKey(xAxis);
  const xLatest = xKey === null ? undefined : run.data.metrics[xKey];
  const [history, xHistory] = await Promise.all([
    reader.read(mlflow, { runId, key, status, latest }),
    xKey === null ? null : xLatest ? reader.read(mlflow, { runId, key: xKey, status, latest: xLatest }) : EMPTY,
  ]);
  return { history, xHistory };
}

const pointsOf = ({ history, xHistory }: RunHistories, xAxis: OverlayXAxis): SeriesPoint[] =>
  overlayPoints(history, xAxis, xHistory ?? undefined);

/** Drawn points as columns; steps are left out on a step axis, where they are x. */
export function toLineColumns(
  points: readonly { x: number; y: number | null; step: number }[],
  xAxis: OverlayXAxis,
): LineColumns {
  return {
    x: points.map((p) => p.x),
    y: points.map((p) => p.y),
    ...(xAxis === "step" ? {} : { step: points.map((p) => p.step) }),
  };
}

function smoothedWire(
  points: SeriesPoint[],
  {
    smoothing,
    buckets,
    range,
    xAxis,
  }: { smoothing: number; buckets: number; range?: { from: number; to: number } | undefined; xAxis: OverlayXAxis },
): LineColumns | null {
  if (smoothing === 0) return null;
  return toLineColumns(downsampleSeries(smoothSeries(points, smoothing), { buckets, range }).points, xAxis);
}

function toOverlayWire(
  runId: string,
  key: string,
  series: DownsampledSeries,
  smoothed: LineColumns | null,
  { xAxis, preview }: { xAxis: OverlayXAxis; preview: boolean },
): OverlaySeries {
  return {
    runId,
    key,
    line: toLineColumns(series.points, xAxis),
    smoothed,
    markers: series.markers,
    totalPoints: series.totalPoints,
    sampled: series.sampled,
    preview,
    xMin: series.xMin ?? null,
    xMax: series.xMax ?? null,
    yMin: series.yMin ?? null,
    yMax: series.yMax ?? null,
  };
}

type Request = z.output<typeof OverlaySeriesRequest>;

/** One run's series from its histories: smoothed at full resolution when asked, then reduced to the buckets. */
function prepare(runId: string, histories: RunHistories, request: Request, preview: boolean): OverlaySeries {
  const { metricKey, xAxis, buckets, range } = request;
  const points = pointsOf(histories, xAxis);
  const smoothed = smoothedWire(points, request);
  return toOverlayWire(runId, metricKey, downsampleSeries(points, { buckets, range }), smoothed, { xAxis, preview });
}

/** The full series of a run's histories, prepared once per variant while the histories stay cached. */
function prepareFull(runId: string, histories: RunHistories, request: Request): OverlaySeries {
  const { metricKey, xAxis, smoothing, buckets, range } = request;
  const variant = JSON.stringify([metricKey, xAxis, smoothing, buckets, range ?? null]);
  const kept = preparedOverlays.get(histories.history, histories.xHistory, variant);
  if (kept) return kept;
  const wire = prepare(runId, histories, request, false);
  preparedOverlays.set(histories.history, histories.xHistory, variant, wire);
  return wire;
}

/** A series with no points: a run that never logged the key, or (a preview) one not sampled in time. */
const emptySeries = (runId: string, { metricKey, buckets, xAxis }: Request, preview = false) =>
  toOverlayWire(runId, metricKey, downsampleSeries([], { buckets }), null, { xAxis, preview });

/**
 * The histories this process holds for a run, without asking MLflow: null when the run never logged
 * the key, undefined when they still have to be read.
 */
function heldHistories(
  reader: HistoryReader,
  run: Run,
  key: string,
  xAxis: OverlayXAxis,
): RunHistories | null | undefined {
  const { runId, status } = run.info;
  const latest = run.data.metrics[key];
  if (!latest) return null;
  const history = reader.peek({ runId, key, status, latest });
  if (!history) return undefined;
  const xKey = xMetricKey(xAxis);
  if (xKey === null) return { history, xHistory: null };
  const xLatest = run.data.metrics[xKey];
  if (!xLatest) return { history, xHistory: EMPTY };
  const xHistory = reader.peek({ runId, key: xKey, status, latest: xLatest });
  return xHistory ? { history, xHistory } : undefined;
}

/**
 * How long a preview may spend sampling before it answers with what it has: MLflow's sampled endpoint
 * costs seconds a run on a large store (see `HistoryReader.sample`), and every second spent there
 * delays the full histories.
 */
export const PREVIEW_BUDGET_MS = 2000;

/**
 * MLflow's sampled histories of `runs` for a preview, those it could sample before `deadline`: `key`'s,
 * and the x metric's when x is another metric (paired by step, so only steps sampled in both are
 * drawn). On the step axis a zoom samples only its window; on time axes the whole run is sampled and
 * the window cut from it.
 */
async function sampledHistories(
  mlflow: MlflowClient,
  reader: HistoryReader,
  runs: readonly Run[],
  { metricKey, xAxis, buckets, range }: Request,
  deadline: number,
): Promise<Map<string, RunHistories>> {
  const runIds = runs.map((run) => run.info.runId);
  const steps = xAxis === "step" && range ? { start: Math.floor(range.from), end: Math.ceil(range.to) } : undefined;
  const sampled = await reader.sample(mlflow, { runIds, key: metricKey, maxResults: buckets, steps, deadline });
  const xKey = xMetricKey(xAxis);
  if (xKey === null) return new Map([...sampled].map(([runId, history]) => [runId, { history, xHistory: null }]));
  const withX = runs.filter((run) => sampled.has(run.info.runId) && run.data.metrics[xKey]);
  const xSampled = await reader.sample(mlflow, {
    runIds: withX.map((run) => run.info.runId),
    key: xKey,
    maxResults: buckets,
    deadline,
  });
  const both = new Map<string, RunHistories>();
  for (const [runId, history] of sampled) {
    const logsX = withX.some((run) => run.info.runId === runId);
    const xHistory = logsX ? xSampled.get(runId) : EMPTY;
    if (xHistory) both.set(runId, { history, xHistory });
  }
  return both;
}

/**
 * One metric over up to 100 runs for an overlay chart: each run's full history on the x-axis, smoothed
 * at full resolution when asked, then reduced to `buckets` keeping every bucket's first, last, min and
 * max (NaN/±Infinity as markers, gaps as breaks), over an optional zoom window. With `preview`, only the
 * histories already held are used in full; the others come from MLflow's sampled history, marked.
 */
export async function readOverlaySeries(
  mlflow: MlflowClient,
  input: OverlaySeriesRequest,
  reader: HistoryReader = sharedHistoryReader(),
): Promise<OverlaySeriesResponse> {
  const request = OverlaySeriesRequest.parse(input);
  const { runIds, metricKey, xAxis, range } = request;
  const deadline = Date.now() + PREVIEW_BUDGET_MS;
  const runs = await Promise.all(runIds.map((runId) => reader.run(mlflow, runId)));
  const series = request.preview
    ? await previewSeries(mlflow, reader, runs, request, deadline)
    : await Promise.all(
        runs.map(async (run): Promise<OverlaySeries> => {
          const histories = await runHistories(mlflow, reader, run, metricKey, xAxis);
          return histories ? prepareFull(run.info.runId, histories, request) : emptySeries(run.info.runId, request);
        }),
      );
  return {
    xAxis,
    range: range ?? null,
    runs: runs.map((run) => ({ runId: run.info.runId, status: run.info.status })),
    series,
  };
}

/**
 * Held histories in full; the others as MLflow samples them until the deadline; runs it did not reach
 * as an empty preview (their full series follow the same way as the sampled ones').
 */
async function previewSeries(
  mlflow: MlflowClient,
  reader: HistoryReader,
  runs: readonly Run[],
  request: Request,
  deadline: number,
): Promise<OverlaySeries[]> {
  const held = runs.map((run) => heldHistories(reader, run, request.metricKey, request.xAxis));
  const unread = runs.filter((_, i) => held[i] === undefined);
  const sampled = unread.length ? await sampledHistories(mlflow, reader, unread, request, deadline) : new Map();
  return runs.map((run, i) => {
    const { runId } = run.info;
    const histories = held[i];
    if (histories === null) return emptySeries(runId, request);
    if (histories) return prepareFull(runId, histories, request);
    const sample = sampled.get(runId);
    return sample ? prepare(runId, sample, request, true) : emptySeries(runId, request, true);
  });
}

/**
 * One metric per group of runs: mean, std and count per step over the group's full histories (runs
 * missing a step do not count there), reduced to `buckets` keeping the mean's spikes and the band's
 * envelope; the smoothed mean is computed on the full-resolution mean line before it is reduced. The
 * NaN and ±Infinity values the mean leaves out come back as markers counting the runs that had them.
 */
export async function readGroupSeries(
  mlflow: MlflowClient,
  input: GroupSeriesRequest,
  reader: HistoryReader = sharedHistoryReader(),
): Promise<GroupSeriesResponse> {
  const { groups, metricKey, xAxis, smoothing, buckets, range } = GroupSeriesRequest.parse(input);
  const result = await Promise.all(
    groups.map(async ({ id, runIds }): Promise<GroupSeries> => {
      const runs = await Promise.all([...new Set(runIds)].map((runId) => reader.run(mlflow, runId)));
      const histories = (
        await Promise.all(runs.map((run) => runHistories(mlflow, reader, run, metricKey, xAxis)))
      ).flatMap((read) => (read ? [pointsOf(read, xAxis)] : []));
      const stats = groupStatistics(histories);
      const band = downsampleBand(stats, { buckets, range });
      const meanLine = stats.map(({ x, step, mean }) => ({ x, y: mean, step, timestamp: 0 }));
      return {
        id,
        runs: histories.length,
        points: band.points,
        smoothed: smoothedWire(meanLine, { smoothing, buckets, range, xAxis }),
        markers: groupMarkers(histories, { buckets, range }),
        sampled: band.sampled,
      };
    }),
  );
  return { xAxis, range: range ?? null, groups: result };
}
