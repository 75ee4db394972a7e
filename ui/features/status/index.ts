export { MlflowStatusIndicator } from "./components/mlflow-status-indicator";
export { statusQueries } from "./queries";
export type { MlflowStatus } from "./schemas";
