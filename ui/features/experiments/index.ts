export { ExperimentsSkeleton } from "./components/experiments-skeleton";
export { ExperimentsView } from "./components/experiments-view";
export { experimentQueries } from "./queries";
export { ExperimentListPage, ExperimentListQuery, ExperimentSummary } from "./schemas";
