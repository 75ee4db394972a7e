export {
  CompareRun,
  CompareRunsRequest,
  CompareRunsResponse,
  MetricSummariesRequest,
  MetricSummariesResponse,
  MetricSummary,
} from "./schemas";
export { compareQueries } from "./queries";
export {
  EMPTY_COMPARE_VIEW,
  MAX_COMPARED_METRICS,
  MAX_COMPARED_RUNS,
  compareViewSearchParams,
  parseCompareView,
  type AxisId,
  type CompareView,
  type CompareXAxis,
} from "./search-params";
export { runColors, RUN_PALETTE } from "./run-colors";
export { axisValue, shownRuns } from "./axis-values";
export { paramRows, type ParamRow } from "./params-diff";
export { inferBestDirection, type BestDirection } from "./metric-direction";
export { bestOf, metricKeysOf, summarizeHistory, type HistorySummary } from "./metric-summary";
export { compareMetricsCsv, summariesByRun } from "./compare-csv";
