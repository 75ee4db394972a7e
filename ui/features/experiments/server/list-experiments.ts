import "server-only";
import { MLFLOW_TAGS, type Experiment, type MlflowClient } from "mltrack-sdk/mlflow";
import { descriptionSummary } from "../experiment-tags";
import { matchesNameQuery, nameFilter } from "@/lib/name-search";
import { ExperimentListQuery, type ExperimentListPage, type ExperimentSummary } from "../schemas";
import {
  DEFAULT_EXPERIMENT_LIST_VIEW,
  experimentOrderBy,
  experimentViewType,
  parseExperimentSort,
} from "../search-params";

/**
 * When a search must be narrowed after MLflow (its text had `%`, `_` or quotes), one request reads at
 * most this many of MLflow's pages looking for a page's worth of matches; the rest come with "Load more".
 */
const MAX_PAGES_PER_NARROWED_REQUEST = 10;

export function toExperimentSummary(experiment: Experiment): ExperimentSummary {
  return {
    experimentId: experiment.experimentId,
    name: experiment.name,
    lifecycleStage: experiment.lifecycleStage,
    creationTime: experiment.creationTime,
    lastUpdateTime: experiment.lastUpdateTime,
    description: descriptionSummary(experiment.tags[MLFLOW_TAGS.note] ?? ""),
  };
}

/**
 * One page of the list: MLflow's `experiments/search` with the name filter, order and view type of the
 * query, continuing from MLflow's `page_token`.
 */
export async function listExperiments(
  mlflow: MlflowClient,
  input: ExperimentListQuery = {},
): Promise<ExperimentListPage> {
  const query = ExperimentListQuery.parse(input);
  const q = (query.q ?? "").trim();
  const { filter, narrow } = nameFilter(q);
  const search = {
    viewType: experimentViewType(query.view ?? DEFAULT_EXPERIMENT_LIST_VIEW.view),
    orderBy: experimentOrderBy(parseExperimentSort(query.sort) ?? DEFAULT_EXPERIMENT_LIST_VIEW.sort),
    maxResults: query.maxResults,
    ...(filter ? { filter } : {}),
  };
  const items: ExperimentSummary[] = [];
  let pageToken = query.pageToken;
  for (let read = 0; read < (narrow ? MAX_PAGES_PER_NARROWED_REQUEST : 1); read++) {
    const page = await mlflow.experiments.search({ ...search, ...(pageToken ? { pageToken } : {}) });
    for (const experiment of page.items)
      if (!narrow || matchesNameQuery(experiment.name, q)) items.push(toExperimentSummary(experiment));
    pageToken = page.nextPageToken;
    if (!pageToken || items.length >= query.maxResults) break;
  }
  return pageToken ? { items, nextPageToken: pageToken } : { items };
}
