export { searchRuns } from "./search-runs";
export { projectRun, metricCell } from "./project-run";
export { runComparator } from "./order-runs";
export { extremesOf } from "./metric-extremes";
export { RunsScreen } from "./runs-screen";
export { getRunDetail, commitUrlOf, CHILD_LIMIT } from "./get-run-detail";
export { RunScreen } from "./run-screen";
export { deleteRun, deleteRunTag, renameRun, restoreRun, setRunNote, setRunTag } from "./run-mutations";
export { RunRouteGate } from "./run-route-gate";
