/**
 * The compare page's parallel coordinates, scatter and per-step images in Chromium against a real
 * MLflow: runs seeded with params and metrics through the `mlflow` fixture, PNGs uploaded through
 * MLflow's artifact proxy.
 */
import type { Page } from "@playwright/test";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { png } from "../support/png";
import { expect, test, unique } from "./fixtures";

const T0 = Date.UTC(2026, 0, 1);

interface Seeded {
  name: string;
  params: Record<string, string>;
  metrics: Record<string, number>;
  /** Steps of `images/step_<n>.png` to upload, each `n + 1` pixels wide. */
  imageSteps?: number[];
  /** Other files to upload, by path, each a PNG this many pixels wide. */
  files?: Record<string, number>;
}

async function seedRuns(mlflow: MlflowClient, runs: Seeded[]): Promise<string[]> {
  const experimentId = await mlflow.experiments.create({ name: unique("e2e-compare-plots") });
  const ids: string[] = [];
  for (const [i, seeded] of runs.entries()) {
    const run = await mlflow.runs.create({ experimentId, runName: seeded.name, startTime: T0 + i });
    const runId = run.info.runId;
    await mlflow.runs.logBatch({
      runId,
      params: seeded.params,
      metrics: Object.entries(seeded.metrics).map(([key, value]) => ({ key, value, step: 0, timestamp: T0 })),
    });
    for (const step of seeded.imageSteps ?? [])
      await mlflow.uploadArtifact({
        artifactUri: run.info.artifactUri,
        path: `images/step_${step}.png`,
        body: new Uint8Array(png(step + 1, 2)),
      });
    for (const [path, width] of Object.entries(seeded.files ?? {}))
      await mlflow.uploadArtifact({ artifactUri: run.info.artifactUri, path, body: new Uint8Array(png(width, 2)) });
    await mlflow.runs.update({ runId, status: "FINISHED", endTime: T0 + 1000 });
    ids.push(runId);
  }
  return ids;
}

const FOUR_RUNS: Seeded[] = [
  { name: "lr-big", params: { lr: "0.1", optimizer: "sgd", seed: "7" }, metrics: { loss: 0.9, acc: 0.55 } },
  { name: "lr-mid", params: { lr: "0.01", optimizer: "adam", seed: "7" }, metrics: { loss: 0.5, acc: 0.7 } },
  { name: "lr-small", params: { lr: "0.001", optimizer: "adam", seed: "7" }, metrics: { loss: 0.3, acc: 0.8 } },
  { name: "lr-tiny", params: { lr: "0.0001", optimizer: "sgd", seed: "7" }, metrics: { loss: 0.1, acc: 0.9 } },
];

/** MLflow reads and the first render on a busy machine. */
const FIRST_LOAD = { timeout: 30_000 };

const axis = (page: Page, id: string) => page.locator(`[data-testid="pc-axis"][data-axis="${id}"]`);
const brushesInUrl = (page: Page) => new URL(page.url()).searchParams.getAll("brush");

test("parallel coordinates: one line per run; brushing a metric or picking categories narrows every section and the URL; clearing restores", async ({
  page,
  mlflow,
}) => {
  test.setTimeout(120_000);
  const ids = await seedRuns(mlflow, FOUR_RUNS);
  await page.goto(`/compare?runs=${ids.join(",")}`);

  const lines = page.getByTestId("pc-line");
  await expect(lines).toHaveCount(4, FIRST_LOAD);
  expect((await lines.evaluateAll((paths) => paths.map((p) => p.getAttribute("data-run-id")))).sort()).toEqual(
    [...ids].sort(),
  );
  // Default axes: the params that differ (seed is the same everywhere), then the metrics.
  expect(await page.getByTestId("pc-axis").evaluateAll((axes) => axes.map((a) => a.getAttribute("data-axis")))).toEqual(
    ["param:lr", "param:optimizer", "metric:acc", "metric:loss"],
  );
  await expect(axis(page, "param:lr")).toHaveAttribute("data-kind", "numeric");
  await expect(axis(page, "param:lr").getByText("param · log")).toBeVisible();
  await expect(axis(page, "param:optimizer")).toHaveAttribute("data-kind", "categorical");

  // Hovering a line names its run.
  const tiny = page.locator(`[data-testid="pc-line"][data-run-id="${ids[3]}"]`);
  await page.getByTestId("pc-chart").scrollIntoViewIfNeeded();
  const point = await tiny.evaluate((path: SVGPathElement) => {
    const p = path.getPointAtLength(path.getTotalLength() * 0.5);
    const m = path.getScreenCTM()!;
    return { x: p.x * m.a + m.e, y: p.y * m.d + m.f };
  });
  await page.mouse.move(point.x, point.y);
  await expect(page.getByTestId("pc-hover")).toContainText("lr-tiny");

  // loss spans 0.1..0.9 on an axis from 0 to 1: drag from the top down to 0.4 keeps loss 0.9 and 0.5.
  const area = axis(page, "metric:loss").getByTestId("pc-brush-area");
  const box = (await area.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 1);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.3, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.6, { steps: 4 });
  await page.mouse.up();

  await expect(page.locator('[data-testid="pc-line"][data-state="shown"]')).toHaveCount(2);
  await expect(page.locator('[data-testid="pc-line"][data-state="excluded"]')).toHaveCount(2);
  await expect(page.getByTestId("pc-kept")).toHaveText("2 of 4 runs inside the brushes");
  await expect(page.getByTestId("compare-metric-charts")).toHaveAttribute("data-runs", "2");
  await expect(page.getByTestId("compare-scatter")).toHaveAttribute("data-runs", "2");
  await expect(page.getByTestId("scatter-dot")).toHaveCount(2);
  expect(
    (
      await page.getByTestId("scatter-dot").evaluateAll((dots) => dots.map((d) => d.getAttribute("data-run-id")))
    ).sort(),
  ).toEqual([ids[0], ids[1]].sort());
  const brushes = brushesInUrl(page);
  expect(brushes).toHaveLength(1);
  const [from, to] = brushes[0]!.split(":").map(Number);
  expect(brushes[0]).toMatch(/:metric:loss$/);
  expect(from).toBeGreaterThan(0.3);
  expect(from).toBeLessThan(0.5);
  expect(to).toBeGreaterThanOrEqual(0.9);
  expect(new URL(page.url()).searchParams.getAll("pc")).toEqual([
    "param:lr",
    "param:optimizer",
    "metric:acc",
    "metric:loss",
  ]);

  // A fresh page on the same URL shows the same narrowed set.
  const fresh = await page.context().newPage();
  await fresh.goto(page.url());
  await expect(fresh.locator('[data-testid="pc-line"][data-state="shown"]')).toHaveCount(2, FIRST_LOAD);
  await expect(fresh.getByTestId("scatter-dot")).toHaveCount(2);
  await fresh.close();

  // A click on the axis (no drag) clears its brush.
  await area.click({ position: { x: box.width / 2, y: box.height * 0.9 } });
  await expect(page.locator('[data-testid="pc-line"][data-state="shown"]')).toHaveCount(4);
  await expect(page.getByTestId("compare-metric-charts")).toHaveAttribute("data-runs", "4");
  await expect(page.getByTestId("scatter-dot")).toHaveCount(4);
  expect(brushesInUrl(page)).toEqual([]);

  // The keyboard brushes too: Enter on a focused axis, Delete clears.
  await area.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("pc-brush")).toHaveCount(1);
  await expect.poll(() => brushesInUrl(page).length).toBe(1);
  await page.keyboard.press("Delete");
  await expect(page.getByTestId("pc-brush")).toHaveCount(0);
  await expect.poll(() => brushesInUrl(page).length).toBe(0);

  // On a text axis a drag picks the categories it covers: adam, at the bottom.
  const optimizer = axis(page, "param:optimizer").getByTestId("pc-brush-area");
  const textBox = (await optimizer.boundingBox())!;
  await page.mouse.move(textBox.x + textBox.width / 2, textBox.y + textBox.height - 1);
  await page.mouse.down();
  await page.mouse.move(textBox.x + textBox.width / 2, textBox.y + textBox.height * 0.6, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByTestId("pc-pick")).toHaveCount(1);
  await expect(page.locator('[data-testid="pc-line"][data-state="shown"]')).toHaveCount(2);
  await expect(page.getByTestId("scatter-dot")).toHaveCount(2);
  expect(
    (
      await page.getByTestId("scatter-dot").evaluateAll((dots) => dots.map((d) => d.getAttribute("data-run-id")))
    ).sort(),
  ).toEqual([ids[1], ids[2]].sort());
  expect(new URL(page.url()).searchParams.getAll("pick")).toEqual(["adam:param:optimizer"]);
  await page.getByTestId("pc-clear-brushes").click();
  await expect(page.locator('[data-testid="pc-line"][data-state="shown"]')).toHaveCount(4);
  expect(new URL(page.url()).searchParams.getAll("pick")).toEqual([]);

  // An axis moves one place with the arrow beside its label; the order lives in the URL.
  const axisOrder = () =>
    page.getByTestId("pc-axis").evaluateAll((axes) => axes.map((a) => a.getAttribute("data-axis")));
  await axis(page, "metric:acc").getByRole("button", { name: "Move acc left" }).click();
  await expect.poll(axisOrder).toEqual(["param:lr", "metric:acc", "param:optimizer", "metric:loss"]);
  expect(new URL(page.url()).searchParams.getAll("pc")).toEqual([
    "param:lr",
    "metric:acc",
    "param:optimizer",
    "metric:loss",
  ]);
  await expect(axis(page, "param:lr").getByRole("button", { name: "Move lr left" })).toHaveCount(0);
});

test("scatter: a dot per run, hover names the run with both values, axes chosen into the URL", async ({
  page,
  mlflow,
}) => {
  test.setTimeout(120_000);
  const ids = await seedRuns(mlflow, FOUR_RUNS);
  await page.goto(`/compare?runs=${ids.join(",")}`);

  const dots = page.getByTestId("scatter-dot");
  await expect(dots).toHaveCount(4, FIRST_LOAD);
  // Default: the first param that differs (lr, spanning three orders: log) against the first metric.
  await expect(page.getByTestId("scatter-x")).toContainText("lr");
  await expect(page.getByTestId("scatter-y")).toContainText("acc");
  await expect(page.getByTestId("scatter-chart")).toContainText("lr (log)");

  await page.locator(`[data-testid="scatter-dot"][data-run-id="${ids[1]}"]`).hover();
  const tooltip = page.getByTestId("scatter-tooltip");
  await expect(tooltip).toContainText("lr-mid");
  await expect(tooltip).toContainText("lr 0.01");
  await expect(tooltip).toContainText("acc 0.7");

  // The keyboard steps through the runs left to right: lr-tiny has the smallest lr.
  await page.mouse.move(0, 0);
  await expect(tooltip).toHaveCount(0);
  await page.getByTestId("scatter-chart").focus();
  await page.keyboard.press("ArrowRight");
  await expect(tooltip).toContainText("lr-tiny");
  await page.keyboard.press("ArrowRight");
  await expect(tooltip).toContainText("lr-small");

  await page.getByTestId("scatter-y").click();
  await page.getByRole("option", { name: /^loss/ }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("sy")).toBe("metric:loss");
  await page.locator(`[data-testid="scatter-dot"][data-run-id="${ids[3]}"]`).hover();
  await expect(tooltip).toContainText("lr-tiny");
  await expect(tooltip).toContainText("loss 0.1");
});

test("images: each run's image per step side by side; the slider switches steps and the URL keeps it", async ({
  page,
  mlflow,
}) => {
  test.setTimeout(120_000);
  const ids = await seedRuns(mlflow, [
    {
      name: "img-a",
      params: { lr: "0.1" },
      metrics: { loss: 1 },
      imageSteps: [0, 10, 20],
      files: { "samples/epoch_7.png": 5 },
    },
    { name: "img-b", params: { lr: "0.2" }, metrics: { loss: 2 }, imageSteps: [0, 20] },
    { name: "no-images", params: { lr: "0.3" }, metrics: { loss: 3 } },
  ]);
  await page.goto(`/compare?runs=${ids.join(",")}`);

  const card = (runId: string) => page.locator(`[data-testid="compare-image-card"][data-run-id="${runId}"]`);
  const source = (runId: string) => card(runId).getByTestId("compare-image").getAttribute("src");
  const width = (runId: string) =>
    card(runId)
      .getByTestId("compare-image")
      .evaluate((img: HTMLImageElement) => img.naturalWidth);

  // The images are listed once their section nears the screen; the folder is found on its own and the
  // slider starts at the latest step.
  await page.getByTestId("compare-images").scrollIntoViewIfNeeded();
  await expect(page.getByTestId("images-step")).toHaveText("Step 20", FIRST_LOAD);
  await expect(page.getByTestId("images-folder")).toContainText("images/");
  await expect(page.getByTestId("compare-image")).toHaveCount(2);
  expect(await source(ids[0]!)).toBe(`/api/runs/${ids[0]}/artifacts/file?path=images%2Fstep_20.png`);
  expect(await source(ids[1]!)).toBe(`/api/runs/${ids[1]}/artifacts/file?path=images%2Fstep_20.png`);
  await expect(card(ids[2]!)).toHaveCount(0);
  await expect(page.getByTestId("images-without")).toHaveText("No step images in images/ for one run: no-images.");
  await card(ids[0]!).scrollIntoViewIfNeeded();
  await expect.poll(() => width(ids[0]!)).toBe(21);

  // Arrow keys move the slider: step 10, which run b does not have (it shows its step 0 image).
  await page.getByTestId("images-slider").focus();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("images-step")).toHaveText("Step 10");
  await expect.poll(() => new URL(page.url()).searchParams.get("imgstep")).toBe("10");
  expect(await source(ids[0]!)).toBe(`/api/runs/${ids[0]}/artifacts/file?path=images%2Fstep_10.png`);
  expect(await source(ids[1]!)).toBe(`/api/runs/${ids[1]}/artifacts/file?path=images%2Fstep_0.png`);
  await expect(card(ids[1]!).getByTestId("compare-image-step")).toHaveText("Step 0 (latest at or before 10)");
  await expect.poll(() => width(ids[0]!)).toBe(11);
  await expect.poll(() => width(ids[1]!)).toBe(1);

  // The URL reproduces the step in a fresh page.
  const fresh = await page.context().newPage();
  await fresh.goto(page.url());
  await fresh.getByTestId("compare-images").scrollIntoViewIfNeeded();
  await expect(fresh.getByTestId("images-step")).toHaveText("Step 10", FIRST_LOAD);
  await fresh.close();

  await page.getByRole("button", { name: "Previous step" }).click();
  await expect(page.getByTestId("images-step")).toHaveText("Step 0");
  expect(await source(ids[0]!)).toBe(`/api/runs/${ids[0]}/artifacts/file?path=images%2Fstep_0.png`);

  // Another folder: its own steps, and the URL holds it.
  await page.getByTestId("images-folder").click();
  await page.getByRole("option", { name: "samples/" }).click();
  await expect(page.getByTestId("images-step")).toHaveText("Step 7");
  await expect(page.getByTestId("compare-image")).toHaveCount(1);
  expect(await source(ids[0]!)).toBe(`/api/runs/${ids[0]}/artifacts/file?path=samples%2Fepoch_7.png`);
  await expect(page.getByTestId("images-without")).toHaveText(
    "No step images in samples/ for 2 runs: img-b, no-images.",
  );
  expect(new URL(page.url()).searchParams.get("img")).toBe("samples");
  expect(new URL(page.url()).searchParams.get("imgstep")).toBeNull();
});

test("the images route refuses paths outside the artifact root", async ({ request }) => {
  const res = await request.post("/api/compare/images", { data: { runIds: ["abc"], path: "../secrets" } });
  expect(res.status()).toBe(400);
  expect(JSON.stringify(await res.json())).toContain("Invalid artifact path");
});
