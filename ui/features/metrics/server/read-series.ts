import "server-only";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { downsampleSeries, toSeriesPoints, type DownsampledSeries } from "@/features/compare/prepare";
import { MetricSeriesRequest, type MetricSeries, type MetricSeriesResponse } from "../schemas";
import { sharedHistoryReader, type HistoryReader } from "./history-reader";
import { createPreparedCache } from "./prepared-cache";

/** Prepared series of finished runs, living as long as their cached histories (see prepared-cache.ts). */
const preparedSeries = createPreparedCache<MetricSeries>();

/**
 * The series of N runs × M metric keys, each reduced to what a chart `buckets` wide can show (every
 * spike kept) on the chosen x-axis, over an optional x range drawn at full resolution when it fits.
 * Full histories come through the shared reader (cached once a run has finished).
 */
export async function readMetricSeries(
  mlflow: MlflowClient,
  input: MetricSeriesRequest,
  reader: HistoryReader = sharedHistoryReader(),
): Promise<MetricSeriesResponse> {
  const { runIds, metricKeys, xAxis, buckets, range } = MetricSeriesRequest.parse(input);
  const variant = JSON.stringify([xAxis, buckets, range ?? null]);
  const runs = await Promise.all(runIds.map((runId) => reader.run(mlflow, runId)));
  const series = await Promise.all(
    runs.flatMap((run) =>
      metricKeys.map(async (key): Promise<MetricSeries> => {
        const { runId, status } = run.info;
        const latest = run.data.metrics[key];
        // A key the run never logged is an empty series, not a call to MLflow.
        if (!latest) return toWire(runId, key, downsampleSeries([], { buckets }));
        const history = await reader.read(mlflow, { runId, key, status, latest });
        const kept = preparedSeries.get(history, null, variant);
        if (kept) return kept;
        const wire = toWire(runId, key, downsampleSeries(toSeriesPoints(history, xAxis), { buckets, range }));
        preparedSeries.set(history, null, variant, wire);
        return wire;
      }),
    ),
  );
  return {
    xAxis,
    range: range ?? null,
    runs: runs.map((run) => ({ runId: run.info.runId, status: run.info.status })),
    series,
  };
}

function toWire(runId: string, key: string, series: DownsampledSeries): MetricSeries {
  return {
    runId,
    key,
    points: series.points,
    markers: series.markers,
    totalPoints: series.totalPoints,
    sampled: series.sampled,
    xMin: series.xMin ?? null,
    xMax: series.xMax ?? null,
    yMin: series.yMin ?? null,
    yMax: series.yMax ?? null,
  };
}
