import "server-only";
import { MlflowNotFoundError, type MlflowClient, type Run } from "mltrack-sdk/mlflow";
import { sharedHistoryReader, type HistoryReader } from "@/features/metrics/server";
import { metricCell } from "@/features/runs/server";
import { mapLimit } from "@/features/runs/server/map-limit";
import { CompareRunsRequest, type CompareRun, type CompareRunsResponse } from "../schemas";

/** Experiment names read at once. */
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
 * The compared runs, from any experiments, in the asked order: the runs read through the charts' shared
 * reader (batched `runs/search` calls once it knows their experiments), and each experiment's name
 * once. Ids MLflow does not know are reported as missing.
 */
export async function getCompareRuns(
  mlflow: MlflowClient,
  input: CompareRunsRequest,
  reader: HistoryReader = sharedHistoryReader(),
): Promise<CompareRunsResponse> {
  const { runIds } = CompareRunsRequest.parse(input);
  const found = await Promise.all(
    runIds.map((runId) =>
      reader.run(mlflow, runId).catch((err: unknown) => {
        if (err instanceof MlflowNotFoundError) return null;
        throw err;
      }),
    ),
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
