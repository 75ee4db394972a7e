export { ExperimentsScreen } from "./experiments-screen";
export { listExperiments, toExperimentSummary } from "./list-experiments";
