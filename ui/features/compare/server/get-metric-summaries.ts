import "server-only";
import { MlflowNotFoundError, type MlflowClient, type Run } from "mltrack-sdk/mlflow";
import { sharedHistoryReader, type HistoryReader } from "@/features/metrics/server";
import { metricCell } from "@/features/runs/server";
import { summarizeHistory } from "../metric-summary";
import { MetricSummariesRequest, type MetricSummariesResponse, type MetricSummary } from "../schemas";

/**
 * Min, max and the step of each over the full histories of the compared runs' metrics, through the
 * metric charts' shared history reader (one concurrency cap on MLflow; finished runs' histories cached,
 * so the charts and this table read each history once). Keys a run never logged are left out.
 */
export async function getMetricSummaries(
  mlflow: MlflowClient,
  input: MetricSummariesRequest,
  reader: HistoryReader = sharedHistoryReader(),
): Promise<MetricSummariesResponse> {
  const { runIds, metricKeys } = MetricSummariesRequest.parse(input);
  const runs = await Promise.all(
    runIds.map((runId) =>
      reader.run(mlflow, runId).catch((err: unknown) => {
        if (err instanceof MlflowNotFoundError) return null;
        throw err;
      }),
    ),
  );
  const wanted = runs.flatMap((run) => {
    if (!run) return [];
    const keys = (metricKeys ?? Object.keys(run.data.metrics)).filter((key) => key in run.data.metrics);
    return [...new Set(keys)].sort().map((key) => ({ run, key }));
  });
  const summaries = await Promise.all(wanted.map(({ run, key }) => summarize(mlflow, reader, run, key)));
  return { summaries, missing: runIds.filter((_, i) => runs[i] === null) };
}

async function summarize(mlflow: MlflowClient, reader: HistoryReader, run: Run, key: string): Promise<MetricSummary> {
  const { runId, status } = run.info;
  const history = await reader.read(mlflow, { runId, key, status, latest: run.data.metrics[key] });
  const { points, min, max, minStep, maxStep, nan } = summarizeHistory(history);
  return {
    runId,
    key,
    points,
    min: min === null ? null : metricCell(min),
    minStep,
    max: max === null ? null : metricCell(max),
    maxStep,
    nan,
  };
}
