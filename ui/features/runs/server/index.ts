/** Server functions for route handlers and other server code; pages import their screen from its own module. */
export { searchRuns, compileOrThrow } from "./search-runs";
export { projectRun, metricCell } from "./project-run";
export { extremesOf } from "./metric-extremes";
export { getRunDetail, commitUrlOf, CHILD_LIMIT } from "./get-run-detail";
export { exportRunsCsv } from "./export-runs";
export { deleteView, listSavedViews, saveView, canonicalSearch } from "./saved-views";
export { deleteRun, deleteRunTag, renameRun, restoreRun, setRunNote, setRunTag } from "./run-mutations";
export { experimentLlmUsage } from "./experiment-llm-usage";
