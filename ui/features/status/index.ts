export { MlflowStatusIndicator } from "./components/mlflow-status-indicator";
export { MlflowUnreachableBanner } from "./components/mlflow-unreachable-banner";
export { statusQueries, STATUS_POLL_MS } from "./queries";
export type { MlflowStatus } from "./schemas";
