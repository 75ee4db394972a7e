export { searchRuns, compileOrThrow } from "./search-runs";
export { projectRun, metricCell } from "./project-run";
export { extremesOf } from "./metric-extremes";
export { RunsScreen } from "./runs-screen";
export { getRunDetail, commitUrlOf, CHILD_LIMIT } from "./get-run-detail";
export { RunScreen } from "./run-screen";
export { exportRunsCsv } from "./export-runs";
export { deleteView, listSavedViews, saveView, canonicalSearch } from "./saved-views";
