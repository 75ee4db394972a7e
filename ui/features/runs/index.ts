export {
  METRIC_AGGREGATES,
  RUN_ATTRIBUTES,
  RunColumn,
  RunOrder,
  columnId,
  type MetricAggregate,
  type NonFiniteValue,
  type RunAttribute,
  type RunCell,
} from "./columns";
export { compileRunFilter, RunFilterSyntaxError } from "./filter";
export {
  DEFAULT_RUNS_PER_VIEW,
  MAX_RUNS_PER_VIEW,
  RunCursor,
  RunDetail,
  RunRow,
  RunSearchRequest,
  RunSearchResult,
} from "./schemas";
export { SavedView, SavedViewList, SavedViewName, SaveViewBody } from "./saved-views";
export {
  DeleteRunTagQuery,
  ExperimentLlmUsage,
  RenameRunBody,
  RunIdParams,
  RunMutationResult,
  SetRunNoteBody,
  SetRunTagBody,
} from "./run-detail-schemas";
export { RunSkeleton } from "./components/run-skeleton";
export { RunStatusBadge } from "./components/run-status-badge";
export { RunsView } from "./components/runs-view";
export { runQueries, pageRequest, FIRST_PAGE_SIZE, PAGE_SIZE } from "./queries";
export { sortRows } from "./sort-rows";
export { groupStats, type GroupStats } from "./group-stats";
export {
  BASE_COLUMNS,
  EMPTY_VIEW,
  parseRunsView,
  runSearchRequestOf,
  runsViewSearchParams,
  viewColumns,
  type RunsView as RunsViewState,
} from "./search-params";
