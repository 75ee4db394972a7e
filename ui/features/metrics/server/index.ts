export { readMetricSeries } from "./read-series";
export {
  TERMINAL_STATUSES,
  createHistoryReader,
  fromStoredValue,
  latestOf,
  sharedHistoryReader,
  type HistoryReader,
  type HistoryReaderOptions,
  type HistoryRequest,
} from "./history-reader";
