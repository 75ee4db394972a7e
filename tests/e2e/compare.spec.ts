import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { RUN_PALETTE } from "@/features/compare/run-colors";
import { expect, test, unique } from "./fixtures";

const T0 = Date.UTC(2026, 0, 1);

interface Seed {
  name: string;
  params: Record<string, string>;
  loss?: number[];
}

/** Finished runs, created oldest first; returns their ids in the same order. */
async function seedRuns(mlflow: MlflowClient, experimentId: string, seeds: Seed[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, seed] of seeds.entries()) {
    const startTime = T0 + i * 1000;
    const run = await mlflow.runs.create({ experimentId, runName: seed.name, startTime });
    const metrics = (seed.loss ?? [1]).map((value, step) => ({
      key: "loss",
      value,
      step,
      timestamp: startTime + step,
    }));
    await mlflow.runs.logBatch({ runId: run.info.runId, params: seed.params, metrics });
    await mlflow.runs.update({ runId: run.info.runId, status: "FINISHED", endTime: startTime + 500 });
    ids.push(run.info.runId);
  }
  return ids;
}

async function tick(page: Page, name: string) {
  await page.getByTestId("run-row").filter({ hasText: name }).getByRole("checkbox").click();
}

const legend = (page: Page) => page.getByTestId("compare-legend-entry");
const paramRow = (page: Page, key: string) => page.locator(`[data-testid="compare-param-row"][data-key="${key}"]`);

test("runs ticked in the table open in Compare with their colours; diff, hiding and the URL reproduce the view", async ({
  page,
  context,
  mlflow,
}) => {
  const experimentId = await mlflow.experiments.create({ name: unique("e2e-compare") });
  const ids = await seedRuns(mlflow, experimentId, [
    { name: "c-one", params: { lr: "0.1", model: "a" } },
    { name: "c-two", params: { lr: "0.1", model: "b", seed: "7" } },
    { name: "c-three", params: { lr: "0.1", model: "a" } },
  ]);
  await page.goto(`/experiments/${experimentId}`);
  await expect(page.getByTestId("run-count")).toHaveText("3 runs");
  for (const name of ["c-one", "c-two", "c-three"]) await tick(page, name);
  await expect(page.getByTestId("selected-count")).toHaveText("3 selected");
  await page.getByTestId("compare-selected").click();

  await expect(page).toHaveURL(/\/compare\?runs=/);
  const asked = new URL(page.url()).searchParams.get("runs")!.split(",");
  expect([...asked].sort()).toEqual([...ids].sort());
  await expect(page.getByTestId("compare-run-count")).toHaveText("3 runs from 1 experiment");
  await expect(legend(page)).toHaveCount(3);
  // The legend follows the comparison's order, each run in its palette colour.
  for (const [i, runId] of asked.entries()) {
    const entry = legend(page).nth(i);
    await expect(entry).toHaveAttribute("data-run-id", runId);
    await expect(entry.getByTestId("run-swatch")).toHaveAttribute("data-color", RUN_PALETTE[i]!);
  }
  for (const key of ["lr", "model", "seed"]) await expect(paramRow(page, key)).toBeVisible();

  // Only differences: lr is 0.1 everywhere and goes; seed, missing in two runs, stays.
  await page.getByLabel("Only differences").click();
  await expect(page).toHaveURL(/[?&]diff=1/);
  await expect(paramRow(page, "lr")).toHaveCount(0);
  await expect(paramRow(page, "model")).toBeVisible();
  await expect(paramRow(page, "seed")).toBeVisible();
  await page.getByLabel("Only differences").click();
  await expect(paramRow(page, "lr")).toBeVisible();
  await expect(page).not.toHaveURL(/diff=1/);
  await page.getByLabel("Only differences").click();

  // Hiding a run from the legend: in the URL, and gone from the tables.
  const two = ids[1]!;
  await page.getByRole("button", { name: "Hide run c-two" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]hide=${two}`));
  await expect(legend(page).and(page.locator(`[data-run-id="${two}"]`))).toHaveAttribute("data-hidden", "true");
  await expect(page.getByTestId("compare-shown-count")).toHaveText("2 of 3 shown");
  // With c-two hidden, seed is missing everywhere shown and model is a in both: nothing differs.
  await expect(page.getByTestId("compare-params-empty")).toBeVisible();

  // The same URL in a fresh page gives the same view.
  const fresh = await context.newPage();
  await fresh.goto(page.url());
  await expect(fresh.getByTestId("compare-shown-count")).toHaveText("2 of 3 shown");
  await expect(fresh.getByLabel("Only differences")).toBeChecked();
  await expect(fresh.getByTestId("compare-params-empty")).toBeVisible();
  await fresh.getByRole("button", { name: "Show all" }).click();
  await expect(fresh).not.toHaveURL(/hide=/);
  await expect(paramRow(fresh, "model")).toBeVisible();
  await expect(paramRow(fresh, "lr")).toHaveCount(0);
  // Transposed: a row per run, a column per differing param.
  await fresh.getByTestId("compare-params-transpose").click();
  await expect(fresh).toHaveURL(/[?&]pt=1/);
  await expect(fresh.getByTestId("compare-param-run-row")).toHaveCount(3);
  await expect(fresh.getByTestId("compare-param-head")).toHaveText(["model", "seed"]);

  // Back to the experiment: the selection is still there.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/experiments/${experimentId}$`));
  await expect(page.getByTestId("selected-count")).toHaveText("3 selected");
});

test("the metrics table shows last, min, max and the best step from the full history; CSV; brushes", async ({
  page,
  mlflow,
}) => {
  const experimentName = unique("e2e-compare-metrics");
  const experimentId = await mlflow.experiments.create({ name: experimentName });
  const [a, b] = await seedRuns(mlflow, experimentId, [
    { name: "m-a", params: {}, loss: [0.5, 0.2, 0.9, Number.NaN, 0.3] },
    { name: "m-b", params: {}, loss: [0.4, 0.35] },
  ]);
  await page.goto(`/compare?runs=${a},${b}`);
  const cell = (runId: string) =>
    page.locator(
      `[data-testid="compare-metric-row"][data-key="loss"] [data-testid="compare-metric-cell"][data-run-id="${runId}"]`,
    );
  await expect(cell(a!)).toContainText("0.3");
  // The table reads full histories once it is near the screen.
  await cell(a!).scrollIntoViewIfNeeded();
  await expect(cell(a!)).toContainText("min 0.2 · max 0.9");
  await expect(cell(a!).getByTestId("metric-best-step")).toHaveText("1");
  await expect(cell(a!).getByTestId("metric-nan-count")).toHaveText("1 NaN point");
  await expect(cell(a!)).toHaveAttribute("data-best", "true");
  await expect(cell(b!).getByTestId("metric-best-step")).toHaveText("1");

  // loss reads as lower-is-better; flipping it is kept in the URL and moves the best step to the max.
  const direction = page
    .locator('[data-testid="compare-metric-row"][data-key="loss"]')
    .getByTestId("compare-metric-direction");
  await expect(direction).toContainText("lower is better");
  await direction.click();
  await expect(page).toHaveURL(/[?&]best=max%3Aloss/);
  await expect(cell(a!).getByTestId("metric-best-step")).toHaveText("2");
  await expect(cell(a!)).toHaveAttribute("data-best", "true");
  await expect(cell(b!)).not.toHaveAttribute("data-best", "true");

  // The CSV: one row per run, last/min/max per metric.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("compare-download-csv").click(),
  ]);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.split("\r\n")).toEqual([
    "run_id,run_name,experiment,loss (last),loss (min),loss (max)",
    `${a},m-a,${experimentName},0.3,0.2,0.9`,
    `${b},m-b,${experimentName},0.35,0.35,0.4`,
    "",
  ]);

  // A parallel-coordinates brush on the last loss leaves m-b out; the legend says so and clears it.
  await page.goto(`/compare?runs=${a},${b}&brush=0:0.32:metric:loss`);
  await expect(page.getByTestId("compare-shown-count")).toHaveText("1 of 2 shown");
  await expect(legend(page).and(page.locator(`[data-run-id="${b}"]`))).toHaveAttribute("data-brushed-out", "true");
  await expect(page.getByTestId("compare-brushed-out")).toContainText("1 outside");
  await page.getByTestId("compare-brushed-out").getByRole("button", { name: "Clear brushes" }).click();
  await expect(page).not.toHaveURL(/brush=/);
  await expect(page.getByTestId("compare-shown-count")).toHaveText("2 of 2 shown");
});

test("runs ticked in two experiments compare together; names with markup render as text; unknown ids are reported", async ({
  page,
  mlflow,
}) => {
  const markup = `<b>bold</b><img src=x onerror="window.__xss=1">`;
  const first = await mlflow.experiments.create({ name: unique("e2e-compare-x1") });
  const second = await mlflow.experiments.create({ name: unique("e2e-compare-x2") });
  const [one] = await seedRuns(mlflow, first, [{ name: markup, params: { lr: "0.1" } }]);
  const [two] = await seedRuns(mlflow, second, [{ name: "x-two", params: { lr: "0.2" } }]);

  await page.goto(`/experiments/${first}`);
  await tick(page, "bold");
  await expect(page.getByTestId("selected-count")).toHaveText("1 selected");
  await page.goto(`/experiments/${second}`);
  await tick(page, "x-two");
  await expect(page.getByTestId("nav-compare-count")).toHaveText("2");
  await page.getByTestId("nav-compare").click();

  await expect(page.getByTestId("compare-run-count")).toHaveText("2 runs from 2 experiments");
  const runs = new URL(page.url()).searchParams.get("runs")!.split(",");
  expect(runs.sort()).toEqual([one!, two!].sort());
  const name = legend(page)
    .and(page.locator(`[data-run-id="${one}"]`))
    .getByTestId("compare-legend-name");
  await expect(name).toHaveText(markup);
  await expect(page.getByTestId("compare-legend").locator("b, img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  await expect(paramRow(page, "lr")).toHaveAttribute("data-differs", "true");

  await page.goto(`/compare?runs=${one},0123456789abcdef0123456789abcdef`);
  await expect(page.getByTestId("compare-missing")).toContainText("0123456789abcdef0123456789abcdef");
  await expect(page.getByTestId("compare-run-count")).toHaveText("1 run from 1 experiment");
});

test("with no runs asked, the page says how to choose them", async ({ page }) => {
  await page.goto("/compare");
  await expect(page.getByTestId("compare-empty")).toContainText("tick the runs you want");
});

test("500 runs: select all, open Compare; the legend and tables draw 50 runs and the rest on request", async ({
  page,
  mlflow,
}) => {
  test.setTimeout(600_000);
  const COUNT = 500;
  const experimentId = await mlflow.experiments.create({ name: unique("e2e-compare-500") });
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < COUNT; i = next++) {
        const run = await mlflow.runs.create({ experimentId, runName: `b-${i}`, startTime: T0 + i });
        await mlflow.runs.logBatch({
          runId: run.info.runId,
          params: { index: String(i), same: "x" },
          metrics: [{ key: "loss", value: i, step: 0, timestamp: T0 + i }],
        });
      }
    }),
  );

  await page.goto(`/experiments/${experimentId}`);
  await expect(page.getByTestId("run-count")).toHaveText(`${COUNT} runs`, { timeout: 60_000 });
  await page.getByLabel("Select every run in this view").click();
  await expect(page.getByTestId("selected-count")).toHaveText(`${COUNT} selected`);
  // A client-side navigation carrying 500 run ids.
  await page.getByTestId("compare-selected").click();
  await expect(page.getByTestId("compare-run-count")).toHaveText(`${COUNT} runs from 1 experiment`, {
    timeout: 60_000,
  });
  await expect(legend(page)).toHaveCount(50);
  await page.getByTestId("compare-legend-more").click();
  await expect(legend(page)).toHaveCount(COUNT);

  const paramsTable = page.getByTestId("compare-params-table");
  await expect(paramsTable.locator("thead th[data-run-id]")).toHaveCount(50);
  await expect(paramRow(page, "same")).toBeVisible();
  await page.getByLabel("Only differences").click();
  await expect(paramRow(page, "same")).toHaveCount(0);
  await expect(paramRow(page, "index")).toBeVisible();
  await page.getByTestId("compare-section-params").getByTestId("compare-columns-more").click();
  await expect(paramsTable.locator("thead th[data-run-id]")).toHaveCount(COUNT);
});
