/**
 * The compare page's overlay charts in Chromium against a real MLflow: one chart per metric; the x-axis,
 * log scale and smoothing in the URL; a drag-zoom that asks the server for that window and lives in the
 * URL (a fresh page shows the same zoom); grouping by a param draws one mean line per group.
 */
import type { Page } from "@playwright/test";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { expect, test, unique } from "./fixtures";

const T0 = Date.UTC(2026, 0, 1);
const STEPS = 300;

async function seedRun(mlflow: MlflowClient, experimentId: string, name: string, model: string, scale: number) {
  const run = await mlflow.runs.create({ experimentId, runName: name, startTime: T0 });
  const runId = run.info.runId;
  const metrics = Array.from({ length: STEPS }, (_, step) => [
    { key: "loss", value: scale / (1 + step / 20), step, timestamp: T0 + step * 1000 },
    { key: "acc", value: 1 - 1 / (1 + (step * scale) / 30), step, timestamp: T0 + step * 1000 },
    { key: "epoch", value: Math.floor(step / 10), step, timestamp: T0 + step * 1000 },
  ]).flat();
  for (let i = 0; i < metrics.length; i += 900) {
    await mlflow.runs.logBatch({
      runId,
      metrics: metrics.slice(i, i + 900),
      ...(i === 0 ? { params: { model } } : {}),
    });
  }
  await mlflow.runs.update({ runId, status: "FINISHED", endTime: T0 + STEPS * 1000 });
  return runId;
}

const chart = (page: Page, key: string) => page.locator(`[data-testid="overlay-chart"][data-metric-key="${key}"]`);
const panel = (page: Page, key: string) => chart(page, key).getByTestId("overlay-panel");
const overlayRequest = (page: Page, check: (body: Record<string, unknown>) => boolean) =>
  page.waitForRequest((req) => req.url().endsWith("/api/metrics/overlay") && check(req.postDataJSON()));
const param = (page: Page, name: string) => new URL(page.url()).searchParams.getAll(name);

test("overlays per metric; x-axis, log, smoothing, zoom and grouping in the URL", async ({ page, mlflow, context }) => {
  test.setTimeout(180_000);
  const experimentId = await mlflow.experiments.create({ name: unique("e2e-compare-charts") });
  const runIds = [
    await seedRun(mlflow, experimentId, "run-a1", "a", 1),
    await seedRun(mlflow, experimentId, "run-a2", "a", 2),
    await seedRun(mlflow, experimentId, "run-b1", "b", 3),
  ];

  await page.goto(`/compare?runs=${runIds.join(",")}&m=loss&m=acc`);
  await expect(page.getByTestId("overlay-chart")).toHaveCount(2);
  expect(
    await page.getByTestId("overlay-chart").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-metric-key"))),
  ).toEqual(["loss", "acc"]);
  await expect(chart(page, "loss").getByTestId("overlay-canvas")).toBeVisible({ timeout: 60_000 });
  await expect(panel(page, "loss")).toHaveAttribute("data-lines", "3");

  // The x-axis, another metric included.
  const toolbar = page.getByTestId("overlay-toolbar");
  const byEpoch = overlayRequest(page, (body) => body.xAxis === "metric:epoch" && body.metricKey === "loss");
  await toolbar.getByLabel("X-axis").selectOption("metric:epoch");
  await byEpoch;
  await expect.poll(() => param(page, "x")).toEqual(["metric:epoch"]);
  await expect(panel(page, "loss")).toHaveAttribute("data-x-to", "29");
  await toolbar.getByLabel("X-axis").selectOption("time-relative");
  await expect.poll(() => param(page, "x")).toEqual(["time-relative"]);
  await toolbar.getByLabel("X-axis").selectOption("step");
  await expect.poll(() => param(page, "x")).toEqual([]);

  // Log scale and smoothing.
  await toolbar.getByRole("button", { name: "Log scale" }).click();
  await expect.poll(() => param(page, "log")).toEqual(["1"]);
  const smoothed = overlayRequest(page, (body) => body.smoothing === 0.6);
  await toolbar.getByLabel("Smoothing").fill("0.6");
  await smoothed;
  await expect.poll(() => param(page, "smooth")).toEqual(["0.6"]);
  // Each run's smoothed line at full strength, its raw line faint underneath.
  await expect(panel(page, "loss")).toHaveAttribute("data-lines", "3");

  // A drag across the loss chart zooms it: the server is asked for that window, the URL keeps it.
  const area = chart(page, "loss").getByTestId("overlay-plot-area");
  const box = (await area.boundingBox())!;
  const zoomed = overlayRequest(page, (body) => body.metricKey === "loss" && body.range !== undefined);
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const range = (await zoomed).postDataJSON().range as { from: number; to: number };
  expect(range.from).toBeGreaterThan(0);
  expect(range.to).toBeLessThan(STEPS);
  expect(param(page, "zoom")).toEqual([`${range.from}:${range.to}:loss`]);
  await expect(panel(page, "loss")).toHaveAttribute("data-zoomed", "true");
  await expect(panel(page, "loss")).toHaveAttribute("data-x-from", String(range.from));
  await expect(panel(page, "acc")).toHaveAttribute("data-zoomed", "false");

  // The URL reproduces the zoomed chart in a fresh page.
  const fresh = await context.newPage();
  const again = overlayRequest(
    fresh,
    (body) => body.metricKey === "loss" && JSON.stringify(body.range) === JSON.stringify(range),
  );
  await fresh.goto(page.url());
  await again;
  await expect(panel(fresh, "loss")).toHaveAttribute("data-zoomed", "true");
  await expect(panel(fresh, "loss")).toHaveAttribute("data-x-from", String(range.from));
  await expect(panel(fresh, "loss")).toHaveAttribute("data-x-to", String(range.to));
  await fresh.close();

  // A shift-drag to the right pans the window left by the dragged distance, same width, asked again.
  const panned = overlayRequest(
    page,
    (body) => body.metricKey === "loss" && ((body.range as typeof range | undefined)?.from ?? Infinity) < range.from,
  );
  const zoomedBox = (await area.boundingBox())!;
  await page.keyboard.down("Shift");
  await page.mouse.move(zoomedBox.x + zoomedBox.width * 0.5, zoomedBox.y + zoomedBox.height / 2);
  await page.mouse.down();
  await page.mouse.move(zoomedBox.x + zoomedBox.width * 0.7, zoomedBox.y + zoomedBox.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up("Shift");
  const moved = (await panned).postDataJSON().range as { from: number; to: number };
  expect(moved.to - moved.from).toBeCloseTo(range.to - range.from, -1);
  expect(param(page, "zoom")).toEqual([`${moved.from}:${moved.to}:loss`]);

  // Reset the zoom, then group by the model param: one mean line (smoothed) per group.
  await chart(page, "loss").getByRole("button", { name: "Reset zoom" }).click();
  await expect.poll(() => param(page, "zoom")).toEqual([]);
  const groups = page.waitForRequest((req) => req.url().endsWith("/api/metrics/groups"));
  await toolbar.getByLabel("Group by").selectOption("param:model");
  await groups;
  await expect.poll(() => param(page, "group")).toEqual(["param:model"]);
  await expect(panel(page, "loss")).toHaveAttribute("data-groups", "2");
  await expect(panel(page, "loss")).toHaveAttribute("data-group-lines", "2");
  await expect(panel(page, "loss")).toHaveAttribute("data-lines", "2");
  // One click shows a group's runs under its mean.
  await chart(page, "loss").getByTestId("overlay-group-toggle").filter({ hasText: "a (2)" }).click();
  await expect(panel(page, "loss")).toHaveAttribute("data-lines", "4");
});

test("draws MLflow's sampled preview at once, marked, until the full histories replace it", async ({
  page,
  mlflow,
}) => {
  test.setTimeout(120_000);
  const experimentId = await mlflow.experiments.create({ name: unique("e2e-compare-preview") });
  const runIds = [
    await seedRun(mlflow, experimentId, "run-p1", "a", 1),
    await seedRun(mlflow, experimentId, "run-p2", "b", 2),
  ];
  // Full-history requests are held back here until the preview has been looked at, so the test sees
  // both states whatever this machine's speed; the server and MLflow answer both for real.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const full: string[][] = [];
  await page.route("**/api/metrics/overlay", async (route) => {
    const body = route.request().postDataJSON() as { preview?: boolean; runIds: string[] };
    if (!body.preview) {
      full.push(body.runIds);
      await released;
    }
    await route.continue();
  });

  await page.goto(`/compare?runs=${runIds.join(",")}&m=loss`);
  const loss = panel(page, "loss");
  await expect(chart(page, "loss").getByTestId("overlay-canvas")).toBeVisible({ timeout: 60_000 });
  await expect(loss).toHaveAttribute("data-lines", "2");
  await expect(loss).toHaveAttribute("data-preview-runs", "2");
  await expect(chart(page, "loss").getByTestId("overlay-preview")).toContainText("Preview for 2 runs");
  await expect.poll(() => full.flat().sort()).toEqual([...runIds].sort());

  release();
  await expect(loss).toHaveAttribute("data-preview-runs", "0", { timeout: 60_000 });
  await expect(chart(page, "loss").getByTestId("overlay-preview")).toHaveCount(0);
  await expect(loss).toHaveAttribute("data-lines", "2");

  // The server holds both histories now: a fresh page is exact from its first answer.
  const again = await page.context().newPage();
  const asked: boolean[] = [];
  again.on("request", (req) => {
    if (req.url().endsWith("/api/metrics/overlay")) asked.push(Boolean(req.postDataJSON()?.preview));
  });
  await again.goto(`/compare?runs=${runIds.join(",")}&m=loss`);
  await expect(again.getByTestId("overlay-panel")).toHaveAttribute("data-lines", "2", { timeout: 60_000 });
  await expect(again.getByTestId("overlay-panel")).toHaveAttribute("data-preview-runs", "0");
  expect(asked).toEqual([true]);
  await again.close();
});
