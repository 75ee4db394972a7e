export {
  METRIC_AGGREGATES,
  RUN_ATTRIBUTES,
  RunColumn,
  RunOrder,
  columnId,
  toMlflowOrderBy,
  type MetricAggregate,
  type NonFiniteValue,
  type RunAttribute,
  type RunCell,
} from "./columns";
export { compileRunFilter, RunFilterSyntaxError } from "./filter";
export { MAX_RUNS_PER_VIEW, RunDetail, RunRow, RunSearchRequest, RunSearchResult } from "./schemas";
export {
  DeleteRunTagQuery,
  RenameRunBody,
  RunIdParams,
  RunMutationResult,
  SetRunNoteBody,
  SetRunTagBody,
} from "./run-detail-schemas";
export { RunSkeleton } from "./components/run-skeleton";
export { RunStatusBadge } from "./components/run-status-badge";
export { RunsView } from "./components/runs-view";
export { runQueries } from "./queries";
export {
  BASE_COLUMNS,
  parseRunsView,
  runSearchRequestOf,
  runsViewSearchParams,
  type RunsView as RunsViewState,
} from "./search-params";
