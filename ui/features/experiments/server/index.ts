export { ExperimentsScreen } from "./experiments-screen";
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
export { ExperimentHeading } from "./experiment-heading";
