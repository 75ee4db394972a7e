/**
 * The run page's metric charts in Chromium against a real MLflow: one card per key on the right tab,
 * the search box, the x-axis kept in the URL, a single spike among 20,000 steps still drawn, and a
 * drag-zoom that asks the server for the range at full resolution.
 */
import type { Locator, Page } from "@playwright/test";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { expect, test, unique } from "./fixtures";

const T0 = Date.UTC(2026, 0, 1);

async function logHistory(
  mlflow: MlflowClient,
  runId: string,
  key: string,
  steps: number,
  value: (step: number) => number,
): Promise<void> {
  for (let start = 0; start < steps; start += 1000) {
    const metrics = Array.from({ length: Math.min(1000, steps - start) }, (_, i) => {
      const step = start + i;
      return { key, value: value(step), step, timestamp: T0 + step * 1000 };
    });
    await mlflow.runs.logBatch({ runId, metrics });
  }
}

async function seedRun(mlflow: MlflowClient, prefix: string): Promise<{ experimentId: string; runId: string }> {
  const experimentId = await mlflow.experiments.create({ name: unique(prefix) });
  const run = await mlflow.runs.create({ experimentId, runName: "charted", startTime: T0 });
  return { experimentId, runId: run.info.runId };
}

const card = (scope: Page | Locator, key: string) =>
  scope.locator(`[data-testid="metric-card"][data-metric-key="${key}"]`);
const cardKeys = (tab: Locator) =>
  tab.getByTestId("metric-card").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-metric-key")));
const gridBox = (page: Page, key: string) => card(page, key).locator(".recharts-cartesian-grid").boundingBox();
const seriesRequest = (page: Page, check: (body: Record<string, unknown>) => boolean) =>
  page.waitForRequest((req) => req.url().endsWith("/api/metrics/series") && check(req.postDataJSON()));

test("metric and system charts on their tabs, search, x-axis in the URL, drag-zoom and reset", async ({
  page,
  mlflow,
}) => {
  // Seeding, then a first read of each history from MLflow: give a busy machine room.
  test.setTimeout(150_000);
  const { experimentId, runId } = await seedRun(mlflow, "e2e-charts");
  await logHistory(mlflow, runId, "loss", 300, (step) => 2 / (1 + step / 20));
  await logHistory(mlflow, runId, "acc", 300, (step) => 1 - 1 / (1 + step / 30));
  await logHistory(mlflow, runId, "system/cpu_utilization_percentage", 30, (step) => 40 + (step % 7));
  await mlflow.runs.update({ runId, status: "FINISHED", endTime: T0 + 300_000 });

  await page.goto(`/experiments/${experimentId}/runs/${runId}?tab=metrics`);
  const model = page.getByTestId("run-charts-model");
  await expect(model.getByTestId("metric-card")).toHaveCount(2);
  expect(await cardKeys(model)).toEqual(["acc", "loss"]);
  await expect(card(model, "system/cpu_utilization_percentage")).toHaveCount(0);
  await expect(card(model, "loss").getByTestId("metric-plot")).toBeVisible({ timeout: 30_000 });

  await page.getByRole("tab", { name: /System metrics/ }).click();
  const system = page.getByTestId("run-charts-system");
  await expect(system.getByTestId("metric-card")).toHaveCount(1);
  expect(await cardKeys(system)).toEqual(["system/cpu_utilization_percentage"]);
  await expect(card(system, "system/cpu_utilization_percentage").getByTestId("metric-plot")).toBeVisible({
    timeout: 30_000,
  });

  await page.getByRole("tab", { name: /^Metrics/ }).click();
  await page.getByLabel("Search metrics").fill("ac");
  await expect(model.getByTestId("metric-card")).toHaveCount(1);
  expect(await cardKeys(model)).toEqual(["acc"]);
  await expect(page.getByTestId("metric-card-count")).toHaveText("1 of 2 charts");
  await page.getByLabel("Search metrics").fill("");
  await expect(model.getByTestId("metric-card")).toHaveCount(2);

  // Hovering shows the point's step, wall time and value.
  const box = (await gridBox(page, "loss"))!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  const tooltip = card(model, "loss").locator(".recharts-tooltip-wrapper");
  await expect(tooltip).toContainText(/Step\s*1[45]\d/);
  await expect(tooltip).toContainText("2026-01-01 00:0");
  await expect(tooltip).toContainText(/Value\s*0\.\d+/);

  // Drag across the loss chart: the server is asked for that step range, drawn unsampled.
  const loss = card(model, "loss");
  const plot = loss.getByTestId("metric-plot");
  await expect(plot).toHaveAttribute("data-x-to", "299");
  const grid = (await loss.locator(".recharts-cartesian-grid").boundingBox())!;
  const zoomed = seriesRequest(page, (body) => body.range !== undefined && body.metricKeys?.toString() === "loss");
  const y = grid.y + grid.height / 2;
  await page.mouse.move(grid.x + grid.width * 0.25, y);
  await page.mouse.down();
  for (const share of [0.35, 0.45, 0.55, 0.6]) await page.mouse.move(grid.x + grid.width * share, y);
  await page.mouse.up();
  const range = (await zoomed).postDataJSON().range as { from: number; to: number };
  expect(range.from).toBeGreaterThan(50);
  expect(range.to).toBeLessThan(200);
  expect(range.from).toBeLessThan(range.to);
  await expect(plot).toHaveAttribute("data-zoomed", "true");
  await expect(plot).toHaveAttribute("data-x-from", String(range.from));
  await expect(plot).toHaveAttribute("data-x-to", String(range.to));
  await expect(loss).toContainText(`${range.to - range.from + 1} points in range`);

  await loss.getByRole("button", { name: "Reset zoom" }).click();
  await expect(plot).toHaveAttribute("data-zoomed", "false");
  await expect(plot).toHaveAttribute("data-x-from", "0");
  await expect(plot).toHaveAttribute("data-x-to", "299");
  await expect(loss.getByRole("button", { name: "Reset zoom" })).toHaveCount(0);

  // Wall time: the URL says so (the tab kept), the server is asked again, the ticks become times of day.
  const timed = seriesRequest(page, (body) => body.xAxis === "time");
  await page.getByRole("group", { name: "X-axis" }).getByRole("button", { name: "Wall time" }).click();
  await expect(page).toHaveURL(/[?&]x=time(&|$)/);
  await expect(page).toHaveURL(/[?&]tab=metrics(&|$)/);
  await timed;
  await expect(plot).toHaveAttribute("data-x-from", String(T0));
  // 300 s of points: ticks at whole minutes, as times of day (the step ticks 50, 100, ... are gone).
  await expect(loss.getByText(/^\d\d:\d\d:00$/).first()).toBeVisible();
  await expect(loss.getByText("250", { exact: true })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("button", { name: "Wall time" })).toHaveAttribute("aria-pressed", "true");
});

test("a single 1e6 spike among 20,000 steps is drawn; a one-point metric is a value; no system metrics", async ({
  page,
  mlflow,
}) => {
  // 20 log-batch calls of 1,000 points each to seed, then a 20,000-point history to read.
  test.setTimeout(300_000);
  const { experimentId, runId } = await seedRun(mlflow, "e2e-spike");
  await logHistory(mlflow, runId, "spiky", 20_000, (step) => (step === 12_345 ? 1e6 : 1 / (1 + step / 100)));
  await mlflow.runs.logBatch({ runId, metrics: [{ key: "lr", value: 0.001, step: 3, timestamp: T0 }] });
  await mlflow.runs.update({ runId, status: "FINISHED", endTime: T0 + 20_000_000 });

  await page.goto(`/experiments/${experimentId}/runs/${runId}?tab=metrics`);
  const spiky = card(page, "spiky");
  await expect(spiky.getByTestId("metric-sampled")).toHaveText(
    /^sampled: [\d,]+ of 20,000 points \(every spike kept\)$/,
    { timeout: 60_000 },
  );
  // The y-axis is scaled to the drawn points: it reaches a 1M tick only if the spike was kept...
  const top = spiky.getByText("1M", { exact: true });
  await expect(top).toBeVisible();
  // ...and the line itself climbs to that tick.
  const topTick = (await top.boundingBox())!;
  const line = (await spiky.locator(".recharts-line-curve").boundingBox())!;
  expect(Math.abs(line.y - (topTick.y + topTick.height / 2))).toBeLessThan(4);

  const lr = card(page, "lr").getByTestId("metric-single-value");
  await expect(lr).toContainText("0.001");
  await expect(lr).toContainText("at step 3");

  await page.getByRole("tab", { name: /System metrics/ }).click();
  await expect(page.getByTestId("run-charts-system")).toContainText("No system metrics for this run");
});

test("a RUNNING run's charts follow new points without a reload", async ({ page, mlflow }) => {
  test.setTimeout(120_000);
  const { experimentId, runId } = await seedRun(mlflow, "e2e-live");
  await logHistory(mlflow, runId, "loss", 10, (step) => 1 / (1 + step));

  await page.goto(`/experiments/${experimentId}/runs/${runId}?tab=metrics`);
  const loss = card(page, "loss");
  await expect(loss).toContainText("10 points", { timeout: 30_000 });
  const more = Array.from({ length: 15 }, (_, i) => ({
    key: "loss",
    value: 0.05,
    step: 10 + i,
    timestamp: T0 + (10 + i) * 1000,
  }));
  await mlflow.runs.logBatch({ runId, metrics: more });
  // The run page re-reads the run every 5 s while it is RUNNING; the chart follows its latest point.
  await expect(loss).toContainText("25 points", { timeout: 30_000 });
  await expect(loss.getByTestId("metric-plot")).toHaveAttribute("data-x-to", "24");
  await mlflow.runs.update({ runId, status: "FINISHED", endTime: T0 + 60_000 });
});
