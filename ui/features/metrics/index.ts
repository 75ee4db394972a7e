export { RunMetricCharts } from "./components/run-metric-charts";
export {
  MetricSeries,
  MetricSeriesRequest,
  MetricSeriesResponse,
  SERIES_LIMITS,
  SeriesRange,
  XAxisSchema,
  OVERLAY_LIMITS,
  LineColumns,
  OverlaySeries,
  OverlaySeriesRequest,
  OverlaySeriesResponse,
  OverlayXAxisSchema,
  GroupSeries,
  GroupSeriesRequest,
  GroupSeriesResponse,
} from "./schemas";
export { metricQueries } from "./queries";
