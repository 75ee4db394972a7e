import type { Page } from "@playwright/test";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { expect, test, unique } from "./fixtures";

/** The experiment names in the list, top to bottom. */
async function shownNames(page: Page): Promise<string[]> {
  return page
    .getByTestId("experiment-row")
    .evaluateAll((rows) =>
      rows
        .sort((a, b) => Number(a.getAttribute("aria-rowindex")) - Number(b.getAttribute("aria-rowindex")))
        .map((row) => row.querySelector('[data-testid="experiment-link"]')?.textContent ?? ""),
    );
}

async function search(page: Page, text: string): Promise<void> {
  const box = page.getByTestId("experiment-search");
  await box.fill(text);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text).replace(/%20/g, "\\+")}(&|$)`));
}

async function rowAction(page: Page, name: string, action: string): Promise<void> {
  await page.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
  await page.getByRole("menuitem", { name: action }).click();
}

async function chooseSort(page: Page, label: string): Promise<void> {
  await page.getByTestId("experiment-sort").click();
  await page.getByRole("option", { name: label, exact: true }).click();
}

async function lifecycle(mlflow: MlflowClient, experimentId: string): Promise<string> {
  return (await mlflow.experiments.get({ experimentId })).lifecycleStage;
}

test("search narrows the list as the user types, and the URL reproduces it", async ({ page, mlflow }) => {
  const prefix = unique("e2e-search");
  for (const suffix of ["alpha", "Alphabet", "beta", "a_b", "axb"])
    await mlflow.experiments.create({ name: `${prefix}-${suffix}` });

  await page.goto("/experiments");
  await search(page, `${prefix}-ALPHA`);
  await expect.poll(() => shownNames(page)).toEqual([`${prefix}-Alphabet`, `${prefix}-alpha`]);
  await expect(page.getByTestId("experiments-count")).toHaveText("2 experiments loaded, that is all");

  // `_` is a literal underscore here, not MLflow's one-character wildcard.
  await search(page, `${prefix}-a_b`);
  await expect.poll(() => shownNames(page)).toEqual([`${prefix}-a_b`]);

  // A shared link: the server renders the same search, the box shows it.
  await page.goto(`/experiments?q=${encodeURIComponent(`${prefix}-alpha`)}&sort=name:asc`);
  await expect(page.getByTestId("experiment-search")).toHaveValue(`${prefix}-alpha`);
  await expect.poll(() => shownNames(page)).toEqual([`${prefix}-Alphabet`, `${prefix}-alpha`]);

  await search(page, `${prefix}-nothing-like-this`);
  await expect(page.getByTestId("experiments-no-match")).toContainText(`${prefix}-nothing-like-this`);
  await page.getByRole("button", { name: "Clear search" }).last().click();
  await expect(page).toHaveURL(/\/experiments\?sort=name%3Aasc$/);
  await expect(page.getByTestId("experiment-search")).toHaveValue("");
});

test("each sort orders the rows, and the sort is in the URL", async ({ page, mlflow }) => {
  const prefix = unique("e2e-sort");
  const name = (s: string) => `${prefix}-${s}`;
  // Created b, c, a; then b renamed to d, which makes it the last updated.
  const b = await mlflow.experiments.create({ name: name("b") });
  await mlflow.experiments.create({ name: name("c") });
  await mlflow.experiments.create({ name: name("a") });
  await mlflow.experiments.update({ experimentId: b, newName: name("d") });

  await page.goto(`/experiments?q=${prefix}`);
  // Default: last updated, newest first.
  await expect.poll(() => shownNames(page)).toEqual([name("d"), name("a"), name("c")]);

  const cases: [string, string, string[]][] = [
    ["Name, A to Z", "name%3Aasc", ["a", "c", "d"]],
    ["Name, Z to A", "name%3Adesc", ["d", "c", "a"]],
    ["Created, oldest first", "created%3Aasc", ["d", "c", "a"]],
    ["Created, newest first", "created%3Adesc", ["a", "c", "d"]],
    ["Last updated, oldest first", "updated%3Aasc", ["c", "a", "d"]],
  ];
  for (const [label, param, order] of cases) {
    await chooseSort(page, label);
    await expect(page).toHaveURL(new RegExp(`sort=${param}`));
    await expect.poll(() => shownNames(page), label).toEqual(order.map(name));
  }

  // Column headers sort too: Name ascending, then descending.
  await page.getByRole("columnheader", { name: "Name" }).getByRole("button").click();
  await expect(page).toHaveURL(/sort=name%3Aasc/);
  await expect.poll(() => shownNames(page)).toEqual(["a", "c", "d"].map(name));
  await page.getByRole("columnheader", { name: /Name/ }).getByRole("button").click();
  await expect(page).toHaveURL(/sort=name%3Adesc/);
  await expect.poll(() => shownNames(page)).toEqual(["d", "c", "a"].map(name));

  // Back undoes a sort.
  await page.goBack();
  await expect(page).toHaveURL(/sort=name%3Aasc/);
  await expect.poll(() => shownNames(page)).toEqual(["a", "c", "d"].map(name));
});

test("more than a page: rows are virtualised and scrolling near the end loads the next page", async ({
  page,
  mlflow,
}) => {
  const prefix = unique("e2e-scroll");
  const names = Array.from({ length: 130 }, (_, i) => `${prefix}-${String(i).padStart(3, "0")}`);
  for (let i = 0; i < names.length; i += 10)
    await Promise.all(names.slice(i, i + 10).map((name) => mlflow.experiments.create({ name })));

  await page.goto(`/experiments?q=${prefix}&sort=name:asc`);
  const count = page.getByTestId("experiments-count");
  await expect(count).toHaveText("100 experiments loaded, more available: scroll down or load more");
  // Only the rows in view (plus a few) are in the DOM.
  await expect.poll(async () => (await shownNames(page)).length).toBeLessThan(60);
  expect((await shownNames(page))[0]).toBe(names[0]);

  // A scroll before hydration loads nothing: scroll again until the next page is in.
  await expect(async () => {
    await page.getByTestId("experiments-table").evaluate((table) => table.scrollTo(0, table.scrollHeight));
    await expect(count).toHaveText("130 experiments loaded, that is all", { timeout: 2_000 });
  }).toPass();
  await page.getByTestId("experiments-table").evaluate((table) => table.scrollTo(0, table.scrollHeight));
  await expect.poll(async () => (await shownNames(page)).at(-1)).toBe(names.at(-1));
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
});

test("create an experiment with a description; a taken name is refused in words", async ({ page, mlflow }) => {
  const name = unique("e2e-create");
  await page.goto("/experiments");
  await page.getByRole("button", { name: "New experiment" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel(/^Description/).fill("Made in the UI\n\nwith **Markdown**");
  await page.getByRole("button", { name: "Create" }).click();
  // Creating opens the new experiment's page: a server render, slow when the machine is busy.
  await expect(page).toHaveURL(/\/experiments\/\d+$/, { timeout: 30_000 });
  await expect(page.getByTestId("experiment-name")).toHaveText(name);
  const experimentId = /\/experiments\/(\d+)$/.exec(page.url())?.[1] ?? "";
  expect(experimentId).toMatch(/^\d+$/);
  const created = await mlflow.experiments.get({ experimentId });
  expect(created.name).toBe(name);
  expect(created.tags["mlflow.note.content"]).toBe("Made in the UI\n\nwith **Markdown**");
  await expect(page.getByTestId("experiment-description").locator("strong")).toHaveText("Markdown");

  await page.goto("/experiments");
  await page.getByRole("button", { name: "New experiment" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByTestId("create-experiment-error")).toHaveText(
    `An experiment named "${name}" already exists (ID ${experimentId}). Choose another name.`,
  );
});

test("rename, delete (it leaves Active and appears in Deleted) and restore from the list", async ({ page, mlflow }) => {
  const name = unique("e2e-manage");
  const experimentId = await mlflow.experiments.create({ name });
  const renamed = `${name}-renamed`;
  await page.goto(`/experiments?q=${name}`);
  await rowAction(page, name, "Rename…");
  await page.getByLabel("Name", { exact: true }).fill(renamed);
  await page.getByRole("button", { name: "Rename", exact: true }).click();
  await expect.poll(() => shownNames(page)).toEqual([renamed]);
  expect((await mlflow.experiments.get({ experimentId })).name).toBe(renamed);

  await rowAction(page, renamed, "Delete…");
  await expect(page.getByTestId("delete-experiment-dialog")).toContainText("can restore it");
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByTestId("experiments-no-match")).toBeVisible();
  expect(await lifecycle(mlflow, experimentId)).toBe("deleted");

  await page.getByRole("tab", { name: "Deleted" }).click();
  await expect(page).toHaveURL(/view=deleted/);
  await expect.poll(() => shownNames(page)).toEqual([renamed]);
  await expect(page.getByTestId("experiment-row")).toContainText("Deleted");

  // Its name is still taken; the error says to restore it instead.
  await page.getByRole("button", { name: "New experiment" }).click();
  await page.getByLabel("Name", { exact: true }).fill(renamed);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByTestId("create-experiment-error")).toContainText("belongs to a deleted experiment");
  await expect(page.getByTestId("create-experiment-error")).toContainText("Restore that experiment");
  await page.keyboard.press("Escape");

  await rowAction(page, renamed, "Restore");
  await expect(page.getByTestId("experiments-no-match")).toBeVisible();
  expect(await lifecycle(mlflow, experimentId)).toBe("active");
  await page.getByRole("tab", { name: "Active" }).click();
  await expect.poll(() => shownNames(page)).toEqual([renamed]);
});

test("the experiment page: add, edit and delete a tag, edit the description, as MLflow sees them", async ({
  page,
  mlflow,
}) => {
  const experimentId = await mlflow.experiments.create({
    name: unique("e2e-tags"),
    tags: { "mltrack.view.default": '{"columns":[]}', "mlflow.sharedViewState.1": "state" },
  });
  const tags = async () => (await mlflow.experiments.get({ experimentId })).tags;
  await page.goto(`/experiments/${experimentId}`);
  const heading = page.getByTestId("experiment-heading");
  await expect(heading).not.toContainText("mltrack.view.");
  await expect(page.getByTestId("experiment-system-tags")).toContainText("MLflow tags (1)");
  await expect(page.getByTestId("experiment-system-tags").getByText("mlflow.sharedViewState.1")).toBeHidden();

  await page.getByRole("button", { name: "Add tag" }).click();
  await page.getByLabel("Tag key").fill("mlflow.user");
  await page.getByLabel("Tag value").fill("x");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByTestId("add-tag-form")).toContainText("reserved for MLflow");
  await page.getByLabel("Tag key").fill("team");
  await page.getByLabel("Tag value").fill("growth");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const tag = page.locator('[data-testid="experiment-tag"][data-tag-key="team"]');
  await expect(tag).toContainText("growth");
  await expect.poll(async () => (await tags()).team).toBe("growth");

  await page.getByRole("button", { name: "Edit tag team" }).click();
  await page.getByLabel("Value of team").fill("platform");
  await page.getByLabel("Value of team").press("Enter");
  await expect(tag).toContainText("platform");
  await expect.poll(async () => (await tags()).team).toBe("platform");

  await page.getByRole("button", { name: "Delete tag team" }).click();
  await expect(tag).toHaveCount(0);
  await expect.poll(async () => "team" in (await tags())).toBe(false);
  // The saved view and MLflow's tag were left alone.
  expect(await tags()).toMatchObject({ "mltrack.view.default": '{"columns":[]}', "mlflow.sharedViewState.1": "state" });

  const note = "# Results\n\n- AUC **0.91**\n- see [the docs](https://mlflow.org/docs)";
  await page.getByRole("button", { name: "Add a description" }).click();
  await page.getByLabel("Description (Markdown)").fill(note);
  await page.getByRole("tab", { name: "Preview" }).click();
  await expect(page.getByTestId("description-preview").locator("strong")).toHaveText("0.91");
  await page.getByRole("button", { name: "Save description" }).click();
  await expect.poll(async () => (await tags())["mlflow.note.content"]).toBe(note);
  const link = page.getByTestId("experiment-description").getByRole("link", { name: "the docs" });
  await expect(link).toHaveAttribute("href", "https://mlflow.org/docs");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");

  await page.reload();
  await expect(page.getByTestId("experiment-description").locator("li")).toHaveCount(2);
  await page.getByRole("button", { name: "Edit description" }).click();
  await expect(page.getByLabel("Description (Markdown)")).toHaveValue(note);
  await page.getByLabel("Description (Markdown)").fill("");
  await page.getByRole("button", { name: "Save description" }).click();
  await expect.poll(async () => "mlflow.note.content" in (await tags())).toBe(false);
  await expect(page.getByRole("button", { name: "Add a description" })).toBeVisible();
});

test("deleting from the experiment page: the page says so and offers Restore", async ({ page, mlflow }) => {
  const name = unique("e2e-heading-delete");
  const experimentId = await mlflow.experiments.create({ name, tags: { team: "growth" } });
  await page.goto(`/experiments/${experimentId}`);
  await page.getByTestId("experiment-heading").getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByTestId("delete-experiment-dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("experiment-deleted")).toContainText("This experiment is deleted");
  await expect.poll(() => lifecycle(mlflow, experimentId)).toBe("deleted");
  // Read-only while deleted: no tag editing, no rename.
  await expect(page.getByRole("button", { name: "Edit tag team" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Rename", exact: true })).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId("experiment-deleted-badge")).toBeVisible();
  await page.getByTestId("experiment-deleted").getByRole("button", { name: "Restore" }).click();
  await expect(page.getByTestId("experiment-deleted")).toHaveCount(0);
  await expect.poll(() => lifecycle(mlflow, experimentId)).toBe("active");
  await expect(page.getByRole("button", { name: "Edit tag team" })).toBeVisible();

  await page.getByTestId("experiment-heading").getByRole("button", { name: "Rename", exact: true }).click();
  await page.getByLabel("Name", { exact: true }).fill(`${name}-2`);
  await page.getByRole("button", { name: "Rename", exact: true }).click();
  await expect(page.getByTestId("experiment-name")).toHaveText(`${name}-2`);
  expect((await mlflow.experiments.get({ experimentId })).name).toBe(`${name}-2`);
});

test("names, tags and descriptions with markup render as text", async ({ page, mlflow }) => {
  const name = unique('<img src=x onerror="window.__pwned=1">');
  const tagValue = '<script>window.__pwned=2</script><b id="tag-injected">bold</b>';
  const experimentId = await mlflow.experiments.create({
    name,
    tags: {
      team: tagValue,
      "mlflow.note.content":
        '<img id="note-img" src=x onerror="window.__pwned=3"> [click](javascript:window.__pwned=4)',
    },
  });
  await page.goto(`/experiments/${experimentId}`);
  const heading = page.getByTestId("experiment-heading");
  await expect(page.getByTestId("experiment-name")).toHaveText(name);
  await expect(page.locator('[data-tag-key="team"] [data-testid="experiment-tag-value"]')).toHaveText(tagValue);
  await expect(page.getByTestId("experiment-description")).toContainText('<img id="note-img"');
  await expect(heading.locator("img, script, #tag-injected, #note-img")).toHaveCount(0);
  await expect(heading.locator('a[href^="javascript"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // A tag added through the UI, with markup in its value.
  await page.getByRole("button", { name: "Add tag" }).click();
  await page.getByLabel("Tag key").fill("note");
  await page.getByLabel("Tag value").fill('<b id="ui-injected">x</b>');
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.locator('[data-tag-key="note"]')).toContainText('<b id="ui-injected">x</b>');
  await expect(page.locator("#ui-injected")).toHaveCount(0);
  await expect
    .poll(async () => (await mlflow.experiments.get({ experimentId })).tags.note)
    .toBe('<b id="ui-injected">x</b>');

  await page.goto(`/experiments?q=${encodeURIComponent(name)}`);
  await expect.poll(() => shownNames(page)).toEqual([name]);
  await expect(page.getByTestId("experiment-row").locator("img, script")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
