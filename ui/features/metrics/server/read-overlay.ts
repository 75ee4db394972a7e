import "server-only";
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
  }: { smoothing: number; buckets: number; range?: { from: number; to: number }; xAxis: OverlayXAxis },
): LineColumns | null {
  if (smoothing === 0) return null;
  return toLineColumns(downsampleSeries(smoothSeries(points, smoothing), { buckets, range }).points, xAxis);
}

function toOverlayWire(
  runId: string,
  key: string,
  series: DownsampledSeries,
  smoothed: LineColumns | null,
  xAxis: OverlayXAxis,
): OverlaySeries {
  return {
    runId,
    key,
    line: toLineColumns(series.points, xAxis),
    smoothed,
    markers: series.markers,
    totalPoints: series.totalPoints,
    sampled: series.sampled,
    xMin: series.xMin ?? null,
    xMax: series.xMax ?? null,
    yMin: series.yMin ?? null,
    yMax: series.yMax ?? null,
  };
}

/**
 * One metric over up to 100 runs for an overlay chart: each run's full history on the x-axis, smoothed
 * at full resolution when asked, then reduced to `buckets` keeping every bucket's first, last, min and
 * max (NaN/±Infinity as markers, gaps as breaks), over an optional zoom window.
 */
export async function readOverlaySeries(
  mlflow: MlflowClient,
  input: OverlaySeriesRequest,
  reader: HistoryReader = sharedHistoryReader(),
): Promise<OverlaySeriesResponse> {
  const { runIds, metricKey, xAxis, smoothing, buckets, range } = OverlaySeriesRequest.parse(input);
  const runs = await Promise.all(runIds.map((runId) => reader.run(mlflow, runId)));
  const variant = JSON.stringify([metricKey, xAxis, smoothing, buckets, range ?? null]);
  const series = await Promise.all(
    runs.map(async (run): Promise<OverlaySeries> => {
      const histories = await runHistories(mlflow, reader, run, metricKey, xAxis);
      const { runId } = run.info;
      if (!histories) return toOverlayWire(runId, metricKey, downsampleSeries([], { buckets }), null, xAxis);
      const kept = preparedOverlays.get(histories.history, histories.xHistory, variant);
      if (kept) return kept;
      const points = pointsOf(histories, xAxis);
      const smoothed = smoothedWire(points, { smoothing, buckets, range, xAxis });
      const wire = toOverlayWire(runId, metricKey, downsampleSeries(points, { buckets, range }), smoothed, xAxis);
      preparedOverlays.set(histories.history, histories.xHistory, variant, wire);
      return wire;
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
