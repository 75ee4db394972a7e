export { ExperimentsScreen } from "./experiments-screen";
export { listExperiments, toExperimentSummary } from "./list-experiments";
export { ExperimentHeading } from "./experiment-heading";
