export { ExperimentsSkeleton } from "./components/experiments-skeleton";
export { ExperimentsView } from "./components/experiments-view";
export { experimentQueries } from "./queries";
export {
  descriptionSummary,
  groupExperimentTags,
  tagKeyProblem,
  writableTagKeyProblem,
  type ExperimentTag,
  type ExperimentTagGroups,
} from "./experiment-tags";
export {
  CreateExperimentBody,
  DeleteExperimentTagQuery,
  ExperimentDetail,
  ExperimentIdParams,
  ExperimentListPage,
  ExperimentListQuery,
  ExperimentSummary,
  RenameExperimentBody,
  SetExperimentTagBody,
} from "./schemas";
export {
  experimentListParams,
  experimentListViewSearchParams,
  parseExperimentListView,
  type ExperimentListView,
} from "./search-params";
