import { randomUUID } from "node:crypto";
import { test as base } from "@playwright/test";
import { MlflowClient } from "mltrack-sdk/mlflow";

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run the suite through tests/e2e/playwright.config.ts (its global setup starts the servers).`,
    );
  return value;
}

export const mlflowUrl = () => required("MLTRACK_E2E_MLFLOW_URL");
export const mlflowLog = () => required("MLTRACK_E2E_MLFLOW_LOG");
export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** `mlflow`: the typed client talking to MLflow directly, to seed and check what the UI shows. */
export const test = base.extend<{ mlflow: MlflowClient }>({
  // Playwright reads a fixture's dependencies from its first parameter's destructuring: none here.
  // eslint-disable-next-line no-empty-pattern
  mlflow: async ({}, use) => {
    await use(new MlflowClient({ trackingUri: mlflowUrl(), auth: null }));
  },
});

export { expect } from "@playwright/test";
