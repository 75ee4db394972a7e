import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MlflowClient } from "mltrack-sdk/mlflow";
import type { MlflowServer } from "../../scripts/lib/mlflow-server";
import { freePort } from "../../scripts/lib/ports";
import type { UiServer } from "../../scripts/lib/ui-server";
import { startTestMlflow, startTestUi } from "../support/stack";
import { expect, mlflowUrl, test, unique } from "./fixtures";

test("lists an experiment created in MLflow, with its description and MLflow's status", async ({ page, mlflow }) => {
  const name = unique("e2e-experiment");
  await mlflow.experiments.create({ name, tags: { "mlflow.note.content": "Churn baseline\nsecond line" } });
  const version = (await (await fetch(`${mlflowUrl()}/version`)).text()).trim();

  await page.goto("/");
  await expect(page).toHaveURL(/\/experiments$/);
  const row = page.getByTestId("experiment-row").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Churn baseline");
  await expect(row).not.toContainText("second line");
  await expect(page.getByTestId("mode-badge")).toHaveText("local mode");
  await expect(page.getByTestId("mlflow-status")).toHaveText(`MLflow ${version}`);
  await expect(page.getByTestId("mlflow-status")).toHaveAttribute("data-state", "reachable");
});

test("renders names and notes from MLflow as text, never as markup", async ({ page, mlflow }) => {
  const name = unique('<img src=x onerror="window.__pwned=1">');
  await mlflow.experiments.create({ name, tags: { "mlflow.note.content": "<script>window.__pwned=2</script>" } });
  await page.goto("/experiments");
  const row = page.getByTestId("experiment-row").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText("<script>window.__pwned=2</script>");
  await expect(row.locator("img, script")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test.describe("against another MLflow", () => {
  let dataDir: string;
  let emptyMlflow: MlflowServer | undefined;
  let emptyUi: UiServer | undefined;
  let downUi: UiServer | undefined;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dataDir = mkdtempSync(path.join(tmpdir(), "mltrack-e2e-empty-"));
    [emptyMlflow, downUi] = await Promise.all([
      startTestMlflow(dataDir),
      startTestUi(`http://127.0.0.1:${await freePort()}`),
    ]);
    // A fresh MLflow has one experiment, Default; with it deleted, there is nothing to list.
    await new MlflowClient({ trackingUri: emptyMlflow.url, auth: null }).experiments.delete({ experimentId: "0" });
    emptyUi = await startTestUi(emptyMlflow.url);
  });
  test.afterAll(async () => {
    await Promise.allSettled([emptyUi?.stop(), downUi?.stop(), emptyMlflow?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("with no experiments, says how to log the first run through this UI", async ({ page }) => {
    await page.goto(`${emptyUi!.url}/experiments`);
    const empty = page.getByTestId("experiments-empty");
    await expect(empty).toContainText("No experiments yet");
    await expect(empty).toContainText(`export MLFLOW_TRACKING_URI=${emptyUi!.url}`);
    await expect(page.getByTestId("experiments-table")).toHaveCount(0);
  });

  test("with MLflow unreachable, shows what failed and the status turns red", async ({ page }) => {
    await page.goto(`${downUi!.url}/experiments`);
    await expect(page.getByTestId("error-state")).toContainText("Could not load experiments");
    await expect(page.getByTestId("error-state")).toContainText("Could not reach MLflow");
    await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
    await expect(page.getByTestId("mlflow-status")).toHaveAttribute("data-state", "unreachable");
    await expect(page.getByTestId("mlflow-status")).toHaveText("MLflow unreachable");
  });
});
