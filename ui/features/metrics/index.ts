export { RunMetricCharts } from "./components/run-metric-charts";
export {
  MetricSeries,
  MetricSeriesRequest,
  MetricSeriesResponse,
  SERIES_LIMITS,
  SeriesRange,
  XAxisSchema,
} from "./schemas";
export { metricQueries } from "./queries";
