import type { Locator, Page } from "@playwright/test";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { expect, test, unique } from "./fixtures";

/** `count` finished runs, model a/b/c in turn, loss = i / 1000, newest last; returns run ids oldest first. */
async function seedRuns(mlflow: MlflowClient, experimentId: string, count: number): Promise<string[]> {
  const ids: string[] = new Array(count);
  const base = Date.UTC(2026, 0, 1);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = next++; i < count; i = next++) {
        const startTime = base + i * 1000;
        const run = await mlflow.runs.create({ experimentId, runName: `r-${String(i).padStart(3, "0")}`, startTime });
        await mlflow.runs.logBatch({
          runId: run.info.runId,
          params: { model: ["a", "b", "c"][i % 3] as string },
          metrics: [{ key: "loss", value: i / 1000, step: 0, timestamp: startTime }],
        });
        await mlflow.runs.update({ runId: run.info.runId, status: "FINISHED", endTime: startTime + 500 });
        ids[i] = run.info.runId;
      }
    }),
  );
  return ids;
}

async function shownRunNames(page: Page): Promise<string[]> {
  return page
    .getByTestId("run-row")
    .evaluateAll((rows) =>
      rows
        .sort((a, b) => Number(a.getAttribute("aria-rowindex")) - Number(b.getAttribute("aria-rowindex")))
        .map((row) => row.querySelectorAll('[role="gridcell"]')[1]?.textContent ?? ""),
    );
}

test("250 runs load past the first page, sort in the browser, and export whole beyond what is loaded", async ({
  page,
  mlflow,
}) => {
  // Seeding 250 runs through MLflow's REST API takes a while on a busy machine.
  test.setTimeout(180_000);
  const experimentId = await mlflow.experiments.create({ name: unique("e2e-many") });
  await seedRuns(mlflow, experimentId, 250);
  await page.goto(`/experiments/${experimentId}?col=metric:last:loss`);
  await expect(page.getByTestId("run-count")).toHaveText("250 runs");
  await expect(page.getByTestId("runs-loading-more")).toHaveCount(0);
  expect((await shownRunNames(page)).slice(0, 2)).toEqual(["r-249", "r-248"]);

  const searches: string[] = [];
  // Live refreshes (new runs every 15 s) aside, the table asks the server nothing to sort.
  page.on("request", (req) => {
    if (req.url().includes("/api/runs/search") && !req.postData()?.includes('"live"')) searches.push(req.url());
  });
  await page.getByRole("columnheader", { name: "loss" }).getByRole("button").click();
  await expect.poll(() => shownRunNames(page).then((names) => names.slice(0, 3))).toEqual(["r-000", "r-001", "r-002"]);
  await page.getByRole("columnheader", { name: "loss" }).getByRole("button").click();
  await expect.poll(() => shownRunNames(page).then((names) => names.slice(0, 1))).toEqual(["r-249"]);
  // Sorting all 250 loaded runs asked the server nothing.
  expect(searches).toEqual([]);

  // A view that loads only the newest 100 still exports every matching run, in its order.
  await page.goto(
    `/experiments/${experimentId}?col=param:model&order=asc:metric:last:loss&limit=100&q=${encodeURIComponent('params.model = "a" OR params.model = "b"')}`,
  );
  await expect(page.getByTestId("run-count")).toHaveText("100 runs");
  await expect(page.getByTestId("runs-truncated")).toContainText("more match");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  let csv = "";
  for await (const chunk of await (await download).createReadStream()) csv += String(chunk);
  const lines = csv.trimEnd().split("\r\n");
  expect(lines).toHaveLength(1 + 167);
  expect(lines.slice(1, 4).map((line) => line.split(",")[1])).toEqual(["r-000", "r-001", "r-003"]);
});

/** Opens the saved-views menu until `item` shows: a click before hydration opens nothing. */
async function openSavedViews(page: Page, item: Locator): Promise<void> {
  await expect(async () => {
    if (!(await item.isVisible())) await page.getByTestId("saved-views").click();
    await expect(item).toBeVisible({ timeout: 2_000 });
  }).toPass();
}

test("a saved view round-trips through the URL and the experiment's tags", async ({ page, mlflow }) => {
  const experimentId = await mlflow.experiments.create({ name: unique("e2e-views") });
  await seedRuns(mlflow, experimentId, 12);
  const viewUrl = `/experiments/${experimentId}?q=${encodeURIComponent('params.model != "c"')}&col=param:model&order=desc:metric:last:loss&group=param:model`;
  await page.goto(viewUrl);
  await expect(page.getByTestId("run-group-row")).toHaveCount(2);
  await openSavedViews(page, page.getByRole("menuitem", { name: "Save current view…" }));
  await page.getByRole("menuitem", { name: "Save current view…" }).click();
  await page.getByRole("textbox", { name: "Name" }).fill("best <b>a</b>");
  await expect(page.getByText("Use letters, digits")).toBeVisible();
  await page.getByRole("textbox", { name: "Name" }).fill("best a and b");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("saved-views")).toHaveText("best a and b");

  // MLflow holds it, under MLTrack's tag, as the view's canonical query.
  const tag = (await mlflow.experiments.get({ experimentId })).tags["mltrack.view.best a and b"];
  expect(JSON.parse(tag ?? "{}").search).toBe(
    "q=params.model+%21%3D+%22c%22&col=param%3Amodel&col=metric%3Alast%3Aloss&order=desc%3Ametric%3Alast%3Aloss&group=param%3Amodel",
  );

  // A teammate opening the bare experiment picks the view from the menu and gets the same table.
  const fresh = await page.context().newPage();
  await fresh.goto(`/experiments/${experimentId}`);
  await expect(fresh.getByTestId("run-count")).toHaveText("12 runs");
  const saved = fresh.getByTestId("saved-view").filter({ hasText: "best a and b" });
  await openSavedViews(fresh, saved);
  await saved.click();
  await expect(fresh.getByTestId("run-group-row")).toHaveCount(2);
  await expect(fresh).toHaveURL(/group=param%3Amodel/);
  await expect(fresh.getByTestId("run-count")).toHaveText("8 runs");
  await expect(fresh.getByTestId("run-group-row").first()).toHaveAttribute("data-group-value", "b");

  // Deleting it removes the tag.
  await fresh.getByTestId("saved-views").click();
  await fresh.getByRole("button", { name: "Delete view best a and b" }).click();
  await expect
    .poll(async () => (await mlflow.experiments.get({ experimentId })).tags["mltrack.view.best a and b"])
    .toBeUndefined();
});

test("grouping shows each group's size and mean ± std, and expands to its runs", async ({ page, mlflow }) => {
  const experimentId = await mlflow.experiments.create({ name: unique("e2e-group") });
  await seedRuns(mlflow, experimentId, 9);
  await page.goto(`/experiments/${experimentId}?col=metric:last:loss&group=param:model`);
  const groups = page.getByTestId("run-group-row");
  await expect(groups).toHaveCount(3);
  // model a: runs 0, 3, 6 -> loss 0, 0.003, 0.006: mean 0.003, std 0.003.
  const a = page.locator('[data-testid="run-group-row"][data-group-value="a"]');
  await expect(a.getByTestId("run-group-count")).toHaveText("3");
  await expect(a).toContainText("0.003 ±0.003");
  await expect(page.getByTestId("run-row")).toHaveCount(0);
  await page.getByRole("button", { name: "Expand group a" }).click();
  await expect(page.getByTestId("run-row")).toHaveCount(3);
});

test("checkboxes and shift-click select runs, the keyboard moves, ticks and opens", async ({ page, mlflow }) => {
  const experimentId = await mlflow.experiments.create({ name: unique("e2e-select") });
  const ids = await seedRuns(mlflow, experimentId, 6);
  await page.goto(`/experiments/${experimentId}`);
  await expect(page.getByTestId("run-count")).toHaveText("6 runs");
  const rows = page.getByTestId("run-row");
  await rows.nth(0).getByRole("checkbox").click();
  await rows
    .nth(3)
    .getByRole("checkbox")
    .click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("selected-count")).toHaveText("4 selected");
  const compare = page.getByTestId("compare-selected");
  const href = new URL((await compare.getAttribute("href")) ?? "", "http://x");
  expect(href.pathname).toBe("/compare");
  expect(href.searchParams.get("runs")?.split(",").sort()).toEqual([ids[5], ids[4], ids[3], ids[2]].sort());

  // The selection survives a visit to a run and back (it is kept for the tab's session).
  await page.reload();
  await expect(page.getByTestId("selected-count")).toHaveText("4 selected");
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page.getByTestId("selected-count")).toHaveCount(0);

  const table = page.getByTestId("runs-table");
  await table.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press(" ");
  await expect(rows.nth(2)).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("selected-count")).toHaveText("1 selected");
  await expect(table).toHaveAttribute("aria-activedescendant", "runs-row-2");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/experiments/${experimentId}/runs/${ids[3]}$`));
});
