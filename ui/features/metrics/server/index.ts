export { readMetricSeries } from "./read-series";
export {
  TERMINAL_STATUSES,
  createHistoryReader,
  latestOf,
  sharedHistoryReader,
  type HistoryReader,
  type HistoryReaderOptions,
  type HistoryRequest,
} from "./history-reader";
export { readGroupSeries, readOverlaySeries } from "./read-overlay";
