/** Server functions for route handlers and other server code; pages import their screen from its own module. */
export { getCompareRuns } from "./get-compare-runs";
export { getMetricSummaries } from "./get-metric-summaries";
