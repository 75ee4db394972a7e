import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startMlflowServer, type MlflowServer } from "../../scripts/lib/mlflow-server";
import { freePort } from "../../scripts/lib/ports";
import type { UiServer } from "../../scripts/lib/ui-server";
import { startTestUi } from "../support/stack";
import { expect, test, unique } from "./fixtures";

test("dark mode follows the system until toggled, and the choice survives a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/experiments");
  const html = page.locator("html");
  await expect(html).toHaveClass(/\bdark\b/);
  const toggle = page.getByTestId("theme-toggle");
  await expect(toggle).toHaveAttribute("data-theme-choice", "system");
  await toggle.click();
  await expect(toggle).toHaveAttribute("data-theme-choice", "light");
  await expect(html).not.toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await toggle.click();
  await expect(toggle).toHaveAttribute("data-theme-choice", "dark");
  await expect(html).toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html).toHaveClass(/\bdark\b/);
});

test("Ctrl+K jumps to an experiment, a run and a registered model by name", async ({ page, mlflow }) => {
  const tag = unique("palette").replace("-", "");
  const experimentId = await mlflow.experiments.create({ name: `${tag} experiment` });
  const run = await mlflow.runs.create({ experimentId, runName: `${tag} run` });
  await mlflow.registeredModels.create({ name: `${tag}-model` });

  await page.goto("/experiments");
  const palette = page.getByTestId("command-palette");
  const search = page.getByPlaceholder("Experiment, run or model name, or a run id");

  await page.keyboard.press("Control+k");
  await search.fill(`${tag} exp`);
  await palette.getByRole("option", { name: `${tag} experiment` }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${experimentId}$`));

  await page.keyboard.press("Control+k");
  await search.fill(`${tag} RUN`);
  await expect(palette.getByRole("option", { name: new RegExp(`${tag} run`) })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/experiments/${experimentId}/runs/${run.info.runId}$`));

  await page.keyboard.press("Control+k");
  await search.fill(`${tag}-mod`);
  await palette.getByRole("option", { name: new RegExp(`${tag}-model`) }).click();
  await expect(page.getByTestId("model-name")).toHaveText(`${tag}-model`);

  // A quote cannot break MLflow's filter: it is searched for literally.
  await page.keyboard.press("Control+k");
  await search.fill(`nothing's named "like" this`);
  await expect(palette).toContainText("Nothing named like");
});

test.describe("when MLflow goes away", () => {
  let dataDir: string;
  let port: number;
  let mlflow: MlflowServer | undefined;
  let ui: UiServer | undefined;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    dataDir = mkdtempSync(path.join(tmpdir(), "mltrack-e2e-outage-"));
    port = await freePort();
    mlflow = await startMlflowServer({ dataDir, port });
    ui = await startTestUi(mlflow.url);
  });
  test.afterAll(async () => {
    await Promise.allSettled([ui?.stop(), mlflow?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("a banner appears by itself, and clears by itself when MLflow is back, without a reload", async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto(`${ui!.url}/experiments`);
    await expect(page.getByTestId("mlflow-status")).toHaveAttribute("data-state", "reachable");
    await expect(page.getByTestId("mlflow-unreachable-banner")).toHaveCount(0);
    const loads = { count: 0 };
    page.on("load", () => loads.count++);

    await mlflow!.stop();
    await expect(page.getByTestId("mlflow-unreachable-banner")).toBeVisible();
    await expect(page.getByTestId("mlflow-unreachable-banner")).toContainText(`MLflow at http://127.0.0.1:${port}`);
    await expect(page.getByTestId("mlflow-status")).toHaveAttribute("data-state", "unreachable");

    mlflow = await startMlflowServer({ dataDir, port });
    await expect(page.getByTestId("mlflow-unreachable-banner")).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId("mlflow-status")).toHaveAttribute("data-state", "reachable");
    expect(loads.count).toBe(0);
  });
});
