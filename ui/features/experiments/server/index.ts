/** Server functions for route handlers and other server code; pages import their screen from its own module. */
export { listExperiments, toExperimentSummary } from "./list-experiments";
export {
  createExperiment,
  deleteExperiment,
  deleteExperimentTag,
  getExperimentDetail,
  renameExperiment,
  restoreExperiment,
  setExperimentTag,
  toExperimentDetail,
} from "./manage-experiments";
