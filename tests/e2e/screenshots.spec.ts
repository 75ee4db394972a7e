/**
 * The README's screenshots, taken from the real app: `make train` (the demo's scikit-learn sweep through
 * the Python binding and its TypeScript model through track()) logs through this suite's UI, `make
 * deploy`'s script deploys the champion locally through the CLI, and each main page is photographed
 * once it shows that data. The pictures go to tests/e2e/.output/screenshots; `make screenshots`
 * (MLTRACK_UPDATE_SCREENSHOTS=1) also writes them to tests/e2e/screenshots/, which the README shows.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { repoRoot } from "../../scripts/lib/paths";
import { expect, test } from "./fixtures";

const run = promisify(execFile);
const OUTPUT = path.join(import.meta.dirname, ".output/screenshots");
const COMMITTED = path.join(import.meta.dirname, "screenshots");
const SKLEARN_EXPERIMENT = "mltrack-demo-sklearn";
const TYPESCRIPT_EXPERIMENT = "mltrack-demo-typescript";
const REGISTERED_MODEL = "mltrack-demo-classifier";

async function shoot(page: Page, name: string): Promise<void> {
  // The header's MLflow check has answered, and charts and fonts have settled.
  await expect(page.getByTestId("mlflow-status")).toHaveAttribute("data-state", "reachable");
  await page.waitForLoadState("networkidle");
  const file = path.join(OUTPUT, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.MLTRACK_UPDATE_SCREENSHOTS === "1") {
    mkdirSync(COMMITTED, { recursive: true });
    copyFileSync(file, path.join(COMMITTED, `${name}.png`));
  }
}

test.use({ viewport: { width: 1440, height: 900 }, colorScheme: "light" });

test("each main page, showing what `make train` and `make deploy` made", async ({ page, mlflow, baseURL }) => {
  test.setTimeout(420_000);
  mkdirSync(OUTPUT, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), "mltrack-screenshots-"));
  // The demos find the UI from PORT and keep their files under MLTRACK_DATA_DIR (scripts/lib/stack-config.ts).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: new URL(baseURL ?? "").port,
    MLTRACK_DATA_DIR: dataDir,
  };
  delete env.MLFLOW_TRACKING_URI;
  const tsx = path.join(repoRoot, "node_modules/.bin/tsx");
  const undeploy = (id: string) =>
    run(process.execPath, [path.join(repoRoot, "mltrack-sdk/dist/cli/index.js"), "undeploy", id], {
      env: { ...env, MLFLOW_TRACKING_URI: baseURL, MLTRACK_DEPLOY_DIR: path.join(dataDir, "deployments") },
    });
  let deploymentId: string | undefined;
  try {
    await run(tsx, [path.join(repoRoot, "scripts/demo/train.ts")], { env, cwd: repoRoot });
    const deployed = await run(tsx, [path.join(repoRoot, "scripts/demo/deploy.ts")], { env, cwd: repoRoot });
    deploymentId = /\b(d-[0-9a-f]{12})\b/.exec(deployed.stdout)?.[1];
    if (!deploymentId) throw new Error(`make deploy printed no deployment id:\n${deployed.stdout}`);

    const sweep = await mlflow.experiments.getByName({ experimentName: SKLEARN_EXPERIMENT });
    const experimentId = sweep.experimentId;
    const champion = await mlflow.modelVersions.getByAlias({ name: REGISTERED_MODEL, alias: "champion" });
    const children = await mlflow.runs.search({
      experimentIds: [experimentId],
      filter: "attributes.status = 'FINISHED'",
      maxResults: 50,
    });
    const compared = children.items.filter((r) => r.data.tags["mlflow.parentRunId"]).map((r) => r.info.runId);
    expect(compared.length).toBeGreaterThan(2);

    // Searched, so the demo's experiments are on screen however many other tests have made.
    await page.goto("/experiments?q=mltrack-demo");
    await expect(page.getByTestId("experiment-link").filter({ hasText: SKLEARN_EXPERIMENT })).toBeVisible();
    await expect(page.getByTestId("experiment-link").filter({ hasText: TYPESCRIPT_EXPERIMENT })).toBeVisible();
    await shoot(page, "experiments");

    const columns = [
      "param:hidden_units",
      "param:learning_rate_init",
      "metric:last:val_loss",
      "metric:last:val_accuracy",
    ];
    await page.goto(`/experiments/${experimentId}?${columns.map((c) => `col=${c}`).join("&")}`);
    await expect(page.getByTestId("run-row").first()).toBeVisible();
    await page.getByRole("button", { name: /^Expand \d+ child runs$/ }).click();
    await expect(page.getByTestId("run-row")).toHaveCount(8);
    await shoot(page, "runs-table");

    // Tall enough for all seven charts: a chart draws once it is in view.
    await page.setViewportSize({ width: 1440, height: 1500 });
    await page.goto(`/experiments/${experimentId}/runs/${champion.runId}?tab=metrics`);
    await expect(page.getByTestId("metric-card")).toHaveCount(7);
    // Four per-epoch series drawn; the three one-value metrics shown as numbers.
    await expect(page.getByTestId("metric-plot")).toHaveCount(4, { timeout: 30_000 });
    await expect(page.getByTestId("metric-single-value")).toHaveCount(3);
    await shoot(page, "run-metrics");
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.goto(`/compare?runs=${compared.join(",")}&m=val_loss&m=val_accuracy`);
    await expect(page.getByTestId("overlay-canvas").first()).toBeVisible();
    // Drawn from the full histories, not MLflow's sampled preview.
    await expect(page.getByTestId("overlay-preview")).toHaveCount(0, { timeout: 60_000 });
    await shoot(page, "compare");

    await page.goto(`/models/${encodeURIComponent(REGISTERED_MODEL)}`);
    await expect(page.getByTestId("model-alias").filter({ hasText: "champion" }).first()).toBeVisible();
    await shoot(page, "model");

    await page.goto(`/deployments/${deploymentId}`);
    await expect(page.getByTestId("deployment-view")).toBeVisible();
    await expect(page.getByTestId("deployment-status").first()).toHaveText("ready");
    await shoot(page, "deployment");

    const stopped = deploymentId;
    deploymentId = undefined;
    await undeploy(stopped);
  } finally {
    // After a failure above: still stop the scoring server (that failure is the one reported).
    if (deploymentId) await undeploy(deploymentId).catch((err: unknown) => console.error(err));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
