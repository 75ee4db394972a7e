import type { Page } from "@playwright/test";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { expect, test, unique } from "./fixtures";

async function seedExperiment(mlflow: MlflowClient): Promise<{ experimentId: string }> {
  const experimentId = await mlflow.experiments.create({ name: unique("e2e-runs") });
  const seeds: [string, string, number][] = [
    ["alpha", "a", 0.4],
    ["bravo", "b", 0.2],
    ["charlie", "c", 0.1],
    ["delta", "a", 0.3],
    ['<b id="injected">bold</b>', "b", 0.9],
  ];
  let t = Date.UTC(2026, 0, 1);
  for (const [runName, model, loss] of seeds) {
    t += 60_000;
    const run = await mlflow.runs.create({ experimentId, runName, startTime: t });
    await mlflow.runs.logBatch({
      runId: run.info.runId,
      params: { model },
      metrics: [{ key: "loss", value: loss, step: 0, timestamp: t }],
    });
    await mlflow.runs.update({ runId: run.info.runId, status: "FINISHED", endTime: t + 90_000 });
  }
  return { experimentId };
}

/** The run names in the table, top to bottom (the first cell of each row). */
async function shownRunNames(page: Page): Promise<string[]> {
  return page
    .getByTestId("run-row")
    .evaluateAll((rows) =>
      rows
        .sort((a, b) => Number(a.getAttribute("aria-rowindex")) - Number(b.getAttribute("aria-rowindex")))
        .map((row) => row.querySelectorAll('[role="gridcell"]')[1]?.textContent ?? ""),
    );
}

test("an experiment's runs: OR filter, inline syntax error, ordering kept in the URL, names as text", async ({
  page,
  mlflow,
}) => {
  const { experimentId } = await seedExperiment(mlflow);
  await page.goto(`/experiments/${experimentId}`);
  await expect(page.getByTestId("run-count")).toHaveText("5 runs");
  // MLflow's default order: latest start first.
  await expect
    .poll(() => shownRunNames(page))
    .toEqual(['<b id="injected">bold</b>', "delta", "charlie", "bravo", "alpha"]);
  await expect(page.locator("#injected")).toHaveCount(0);

  const filter = page.getByTestId("run-filter");
  await filter.fill('params.model = "c" OR (params.model = "a" AND metrics.loss < 0.35)');
  await filter.press("Enter");
  await expect(page.getByTestId("run-count")).toHaveText("2 runs");
  await expect.poll(() => shownRunNames(page)).toEqual(["delta", "charlie"]);
  await expect(page).toHaveURL(/[?&]q=/);

  await filter.fill('params.model = "c" OR (metrics.loss < 0.35');
  await filter.press("Enter");
  await expect(page.getByTestId("run-filter-error")).toBeVisible();
  await expect(page.getByTestId("run-filter-error-span")).toHaveText("(");
  await expect(page.getByTestId("run-filter-error")).toContainText("Character 23");
  // The last good view stays on screen.
  await expect(page.getByTestId("run-count")).toHaveText("2 runs");

  await filter.fill("");
  await filter.press("Enter");
  await expect(page.getByTestId("run-count")).toHaveText("5 runs");
  await page.getByRole("columnheader", { name: "Run name" }).getByRole("button").click();
  await expect(page).toHaveURL(/order=asc%3Aattribute%3ArunName/);
  await expect
    .poll(() => shownRunNames(page))
    .toEqual(['<b id="injected">bold</b>', "alpha", "bravo", "charlie", "delta"]);

  await page.getByRole("button", { name: /^Columns/ }).click();
  await page.getByLabel("Search columns").fill("los");
  await expect(page.getByTestId("column-picker")).not.toContainText("model");
  // The box reflects the URL, which the history API updates in a transition: click, then wait for it.
  await page.getByLabel("loss (min)", { exact: true }).click();
  await expect(page.getByLabel("loss (min)", { exact: true })).toBeChecked();
  await expect(page.getByRole("columnheader", { name: "loss (min)" })).toBeVisible();
  await expect(page).toHaveURL(/col=metric%3Amin%3Aloss/);

  // The URL alone reproduces the view.
  await page.goto(
    `/experiments/${experimentId}?col=metric:last:loss&order=desc:metric:loss&q=${encodeURIComponent('params.model != "c"')}`,
  );
  await expect(page.getByTestId("run-count")).toHaveText("4 runs");
  await expect.poll(() => shownRunNames(page)).toEqual(['<b id="injected">bold</b>', "alpha", "delta", "bravo"]);
  await expect(page.getByRole("columnheader", { name: /^loss/ })).toHaveAttribute("aria-sort", "descending");
});

test("an unknown experiment is a 404 page, not a crash", async ({ page }) => {
  const res = await page.goto("/experiments/987654321");
  expect(res?.status()).toBe(404);
});

test("nested runs expand under their parent, CSV exports every run, RUNNING runs refresh live", async ({
  page,
  mlflow,
}) => {
  const experimentId = await mlflow.experiments.create({ name: unique("e2e-nested") });
  const parent = await mlflow.runs.create({ experimentId, runName: "sweep", startTime: Date.UTC(2026, 0, 1) });
  for (const [i, name] of ["trial-1", "trial-2"].entries()) {
    await mlflow.runs.create({
      experimentId,
      runName: name,
      startTime: Date.UTC(2026, 0, 1, 0, i + 1),
      tags: { "mlflow.parentRunId": parent.info.runId },
    });
  }
  await mlflow.runs.logBatch({ runId: parent.info.runId, params: { note: "=cmd()" } });

  await page.goto(`/experiments/${experimentId}?col=param:note`);
  await expect(page.getByTestId("run-count")).toHaveText("3 runs");
  await expect.poll(() => shownRunNames(page)).toEqual(["sweep"]);
  await page.getByRole("button", { name: "Expand 2 child runs" }).click();
  await expect.poll(() => shownRunNames(page)).toEqual(["sweep", "trial-2", "trial-1"]);
  await expect(page.locator('[data-testid="run-row"][aria-level="2"]')).toHaveCount(2);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).createReadStream();
  let csv = "";
  for await (const chunk of file) csv += String(chunk);
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("run_id,Run name,Status,Started,Duration,User,Source,Git commit,note");
  expect(lines).toHaveLength(4);
  expect(lines.find((line) => line.includes(",sweep,"))).toContain(",'=cmd()");

  // The parent is still RUNNING, so the view polls: finishing it in MLflow shows without a reload.
  await expect(page.getByTestId("run-row").first()).toContainText("RUNNING");
  await mlflow.runs.update({ runId: parent.info.runId, status: "FINISHED", endTime: Date.UTC(2026, 0, 1, 1) });
  await expect(page.getByTestId("run-row").first()).toContainText("FINISHED", { timeout: 15_000 });
  // A run started elsewhere joins the view without a reload, too.
  await mlflow.runs.create({ experimentId, runName: "late-arrival", startTime: Date.UTC(2026, 0, 2) });
  await expect(page.getByTestId("run-count")).toHaveText("4 runs", { timeout: 20_000 });
  await expect.poll(async () => (await shownRunNames(page))[0]).toBe("late-arrival");
});
