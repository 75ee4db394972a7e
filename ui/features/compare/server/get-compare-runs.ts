import "server-only";
import { MlflowNotFoundError, type MlflowClient, type Run } from "mltrack-sdk/mlflow";
import { metricCell } from "@/features/runs/server";
import { mapLimit } from "@/features/runs/server/map-limit";
import { CompareRunsRequest, type CompareRun, type CompareRunsResponse } from "../schemas";

/** MLflow calls in flight for one comparison. */
const CONCURRENCY = 8;

function toCompareRun(run: Run, experimentName: string): CompareRun {
  const { info, data } = run;
  return {
    runId: info.runId,
    runName: info.runName,
    experimentId: info.experimentId,
    experimentName,
    status: info.status,
    startTime: info.startTime,
    endTime: info.endTime,
    params: data.params,
    metrics: Object.fromEntries(
      Object.values(data.metrics).map((m) => [
        m.key,
        { value: metricCell(m.value), step: m.step, timestamp: m.timestamp },
      ]),
    ),
    tags: Object.fromEntries(Object.entries(data.tags).filter(([key]) => !key.startsWith("mlflow."))),
  };
}

/**
 * The compared runs, from any experiments, in the asked order: each run read by id (`runs/get`, a few
 * at a time), and each experiment's name once. Ids MLflow does not know are reported as missing.
 */
export async function getCompareRuns(mlflow: MlflowClient, input: CompareRunsRequest): Promise<CompareRunsResponse> {
  const { runIds } = CompareRunsRequest.parse(input);
  const found = await mapLimit(runIds, CONCURRENCY, (runId) =>
    mlflow.runs.get({ runId }).catch((err: unknown) => {
      if (err instanceof MlflowNotFoundError) return null;
      throw err;
    }),
  );
  const experimentIds = [...new Set(found.flatMap((run) => (run ? [run.info.experimentId] : [])))];
  const names = new Map(
    await mapLimit(experimentIds, CONCURRENCY, async (experimentId) => {
      const experiment = await mlflow.experiments.get({ experimentId });
      return [experimentId, experiment.name] as const;
    }),
  );
  return {
    runs: found.flatMap((run) => (run ? [toCompareRun(run, names.get(run.info.experimentId) ?? "")] : [])),
    missing: runIds.filter((_, i) => found[i] === null),
  };
}
