export { modelQueries } from "./queries";
export { ModelVersionSummary, RegisteredModelDetail } from "./schemas";
