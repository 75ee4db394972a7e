import { startStack } from "../support/stack";

/** One real MLflow and the production UI for the whole run; workers read their addresses from env. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startStack("e2e");
  process.env.MLTRACK_E2E_UI_URL = stack.uiUrl;
  process.env.MLTRACK_E2E_MLFLOW_URL = stack.mlflowUrl;
  process.env.MLTRACK_E2E_MLFLOW_LOG = stack.mlflowLog;
  return () => stack.stop();
}
