import "server-only";
import { MLFLOW_TAGS, type Experiment, type MlflowClient } from "mltrack-sdk/mlflow";
import { ExperimentListQuery, type ExperimentListPage, type ExperimentSummary } from "../schemas";

export function toExperimentSummary(experiment: Experiment): ExperimentSummary {
  const note = experiment.tags[MLFLOW_TAGS.note] ?? "";
  return {
    experimentId: experiment.experimentId,
    name: experiment.name,
    lifecycleStage: experiment.lifecycleStage,
    creationTime: experiment.creationTime,
    lastUpdateTime: experiment.lastUpdateTime,
    description: (note.split("\n", 1)[0] ?? "").trim().slice(0, 200),
  };
}

/** One page of active experiments, most recently updated first. */
export async function listExperiments(
  mlflow: MlflowClient,
  input: ExperimentListQuery = {},
): Promise<ExperimentListPage> {
  const query = ExperimentListQuery.parse(input);
  const page = await mlflow.experiments.search({
    viewType: "ACTIVE_ONLY",
    orderBy: ["last_update_time DESC", "experiment_id DESC"],
    maxResults: query.maxResults,
    ...(query.pageToken ? { pageToken: query.pageToken } : {}),
  });
  const items = page.items.map(toExperimentSummary);
  return page.nextPageToken ? { items, nextPageToken: page.nextPageToken } : { items };
}
