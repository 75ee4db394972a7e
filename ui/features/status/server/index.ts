export { getMlflowStatus } from "./mlflow-status";
