/**
 * The model registry pages against a real MLflow: registered models, versions, aliases, tags and a
 * prompt seeded through the typed client (`mlflow` fixture), then read and changed through the UI and
 * checked against MLflow again.
 */
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { expect, test, unique } from "./fixtures";

/** A page's first view waits for MLflow round trips (one per version's run); give a busy machine time. */
const FIRST_LOAD = { timeout: 30_000 };

const PROMPT_TAG = "mlflow.prompt.is_prompt";
const DEPLOYMENT_TAG = "mltrack.deployment.d-0123456789ab";

/** A finished run in `experimentId` with these metrics; each key's last value is logged at the highest step. */
async function runWithMetrics(
  mlflow: MlflowClient,
  experimentId: string,
  runName: string,
  metrics: Record<string, number[]>,
) {
  const created = await mlflow.runs.create({ experimentId, runName, startTime: Date.now() });
  const runId = created.info.runId;
  const timestamp = Date.now();
  await mlflow.runs.logBatch({
    runId,
    metrics: Object.entries(metrics).flatMap(([key, values]) =>
      values.map((value, step) => ({ key, value, step, timestamp })),
    ),
  });
  await mlflow.runs.update({ runId, status: "FINISHED", endTime: Date.now() });
  return runId;
}

async function modelWithVersions(
  mlflow: MlflowClient,
  name: string,
  runIds: string[],
  tags: Record<string, string> = {},
) {
  await mlflow.registeredModels.create({ name, description: `${name} first line\n\nMore about it.`, tags });
  for (const runId of runIds) await mlflow.modelVersions.create({ name, source: `runs:/${runId}/model`, runId });
}

test("the models list shows registered models, not prompts; the search narrows it", async ({ page, mlflow }) => {
  test.setTimeout(120_000);
  const prefix = unique("e2e-registry");
  const experimentId = await mlflow.experiments.create({ name: `${prefix}-exp` });
  const runId = await runWithMetrics(mlflow, experimentId, "r", { accuracy: [0.9] });
  const alpha = `${prefix}-alpha`;
  const beta = `${prefix}-beta`;
  const prompt = `${prefix}-prompt`;
  await modelWithVersions(mlflow, alpha, [runId, runId], {
    team: "growth",
    [DEPLOYMENT_TAG]: '{"id":"d-0123456789ab"}',
  });
  await mlflow.registeredModels.setAlias({ name: alpha, alias: "champion", version: "2" });
  await modelWithVersions(mlflow, beta, [runId]);
  // A prompt is a registered model tagged as one (what mlflow.genai.register_prompt does).
  await mlflow.registeredModels.create({ name: prompt, tags: { [PROMPT_TAG]: "true" } });

  await page.goto("/experiments");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
  await expect(page).toHaveURL(/\/models$/);
  await expect(page.getByRole("heading", { name: "Models", level: 1 })).toBeVisible();

  await page.getByTestId("model-search").fill(prefix);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}`));
  const rows = page.getByTestId("model-row");
  await expect(rows).toHaveCount(2, FIRST_LOAD);
  await expect(rows.nth(0)).toHaveAttribute("data-model", alpha);
  await expect(rows.nth(1)).toHaveAttribute("data-model", beta);
  await expect(page.locator(`[data-model="${prompt}"]`)).toHaveCount(0);

  const alphaRow = rows.nth(0);
  await expect(alphaRow.getByTestId("model-latest-versions")).toContainText("v2@champion");
  await expect(alphaRow.getByTestId("model-aliases")).toHaveText("@champion → v2");
  await expect(alphaRow.getByTestId("model-tags")).toHaveText("team: growth");
  await expect(alphaRow).not.toContainText("mltrack.deployment");
  await expect(alphaRow).toContainText(`${alpha} first line`);
  await expect(alphaRow).not.toContainText("More about it");

  // The search narrows, and the URL alone reproduces it.
  await page.getByTestId("model-search").fill(`${prefix}-BET`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-model", beta);
  await page.reload();
  await expect(page.getByTestId("model-row")).toHaveCount(1, FIRST_LOAD);
  await expect(page.getByTestId("model-search")).toHaveValue(`${prefix}-BET`);

  // Only the prompt matches: nothing listed, said so.
  await page.goto(`/models?q=${encodeURIComponent(prompt)}`);
  await expect(page.getByTestId("models-no-results")).toBeVisible(FIRST_LOAD);

  // The name links to the model's page; a latest version links to it opened.
  await page.goto(`/models?q=${encodeURIComponent(alpha)}`);
  await page.getByTestId("model-row").getByRole("link", { name: "v2 @champion" }).click();
  await expect(page).toHaveURL(new RegExp(`/models/${alpha}\\?version=2$`));
  await expect(page.locator('[data-testid="model-version-row"][data-version="2"]')).toHaveAttribute(
    "data-state",
    "selected",
    FIRST_LOAD,
  );

  // The API says what is wrong with bad input, and changes nothing.
  const cases: { method: "PUT" | "DELETE"; path: string; data?: unknown; status: number; says: string }[] = [
    {
      method: "PUT",
      path: "aliases",
      data: { name: alpha, alias: "latest", version: "1" },
      status: 400,
      says: "reserved",
    },
    { method: "PUT", path: "aliases", data: { name: alpha, alias: "v2", version: "1" }, status: 400, says: "reserved" },
    { method: "PUT", path: "aliases", data: { name: alpha, alias: "a b", version: "1" }, status: 400, says: "alias" },
    { method: "PUT", path: "aliases", data: { name: alpha, alias: "x", version: "one" }, status: 400, says: "version" },
    { method: "PUT", path: "aliases", data: { name: "a/b", alias: "x", version: "1" }, status: 400, says: "'/'" },
    { method: "PUT", path: "aliases", data: { name: alpha, alias: "x", version: "99" }, status: 404, says: "99" },
    {
      method: "PUT",
      path: "tags",
      data: { name: alpha, key: DEPLOYMENT_TAG, value: "x" },
      status: 400,
      says: "deployment",
    },
    {
      method: "PUT",
      path: "tags",
      data: { name: alpha, key: PROMPT_TAG, value: "true" },
      status: 400,
      says: "reserved",
    },
    { method: "DELETE", path: `tags?name=${alpha}&key=${DEPLOYMENT_TAG}`, status: 400, says: "deployment" },
    { method: "PUT", path: "description", data: { name: alpha }, status: 400, says: "description" },
    {
      method: "PUT",
      path: "description",
      data: { name: `${prefix}-missing`, description: "x" },
      status: 404,
      says: "",
    },
  ];
  for (const c of cases) {
    const res = await page.request.fetch(`/api/registered-models/${c.path}`, {
      method: c.method,
      ...(c.data ? { data: c.data } : {}),
    });
    expect(res.status(), `${c.method} ${c.path} ${JSON.stringify(c.data)}`).toBe(c.status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.message.toLowerCase()).toContain(c.says.toLowerCase());
  }
  const after = await mlflow.registeredModels.get({ name: alpha });
  expect(after.aliases).toEqual({ champion: "2" });
  expect(after.tags[PROMPT_TAG]).toBeUndefined();
  expect((await mlflow.registeredModels.get({ name: alpha })).tags[DEPLOYMENT_TAG]).toBe('{"id":"d-0123456789ab"}');
  expect((await page.request.get(`/api/registered-models/detail?name=${encodeURIComponent(prompt)}`)).status()).toBe(
    404,
  );
});

test("a model's page: versions with run links, aliases set and moved, tags and descriptions edited, metrics side by side", async ({
  page,
  mlflow,
}) => {
  test.setTimeout(180_000);
  const name = unique("e2e-model-page");
  const experimentId = await mlflow.experiments.create({ name: `${name}-exp` });
  const run1 = await runWithMetrics(mlflow, experimentId, "first", { accuracy: [0.8], loss: [0.9, 0.5] });
  const run2 = await runWithMetrics(mlflow, experimentId, "second", { accuracy: [0.95], loss: [0.3], f1: [0.7] });
  const run3 = await runWithMetrics(mlflow, experimentId, "third", { accuracy: [0.9], loss: [0.2] });
  await modelWithVersions(mlflow, name, [run1, run2, run3], { [DEPLOYMENT_TAG]: "{}" });

  await page.goto(`/models/${encodeURIComponent(name)}`);
  await expect(page.getByTestId("model-name")).toHaveText(name, FIRST_LOAD);
  const rows = page.getByTestId("model-version-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute("data-version", "3");
  const row = (v: string) => page.locator(`[data-testid="model-version-row"][data-version="${v}"]`);
  for (const [v, runId, runName] of [
    ["1", run1, "first"],
    ["2", run2, "second"],
    ["3", run3, "third"],
  ] as const) {
    const link = row(v).getByTestId("model-version-run");
    await expect(link).toHaveText(runName);
    await expect(link).toHaveAttribute("href", `/experiments/${experimentId}/runs/${runId}`);
  }
  await expect(page.getByTestId("model-tags")).not.toContainText("mltrack.deployment");
  await expect(row("1")).toHaveAttribute("id", "version-1");

  // Each version deploys from its row: the dialog opens for that version and the row stays as it was.
  await row("2").getByTestId("deploy-button").click();
  await expect(page.getByTestId("deploy-dialog")).toContainText(`Deploy ${name} version 2`);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("deploy-dialog")).toBeHidden();
  await expect(page.getByTestId("model-version-panel")).toHaveCount(0);
  await expect(page.getByTestId("model-deployments-link")).toHaveAttribute(
    "href",
    `/deployments?model=${encodeURIComponent(name)}`,
  );

  // Metrics side by side: oldest to newest, the latest value of each run, the best marked, gaps as gaps.
  const metrics = page.getByTestId("version-metrics");
  const cell = (metric: string, v: string) =>
    metrics.locator(`[data-testid="version-metric-row"][data-metric="${metric}"] td[data-version="${v}"]`);
  await expect(metrics.locator("thead th[data-version]")).toHaveText(["v1", "v2", "v3"]);
  await expect(cell("accuracy", "1")).toHaveText("0.8");
  await expect(cell("accuracy", "2")).toHaveText("0.95");
  await expect(cell("accuracy", "2")).toHaveAttribute("data-best", "true");
  await expect(metrics.locator('td[data-best="true"]')).toHaveCount(2);
  await expect(cell("loss", "1")).toHaveText("0.5");
  await expect(cell("loss", "3")).toHaveAttribute("data-best", "true");
  await expect(cell("f1", "1")).toHaveText("—");
  await expect(cell("f1", "2")).toHaveText("0.7");
  await expect(cell("f1", "2")).not.toHaveAttribute("data-best", "true");

  // Set an alias on version 2, then move it to version 3; MLflow agrees each time.
  const aliases = page.getByTestId("model-aliases-editor");
  await aliases.getByTestId("alias-name").fill("champion");
  await aliases.getByTestId("alias-version").selectOption("2");
  await aliases.getByTestId("alias-submit").click();
  await expect(row("2").getByTestId("model-version-aliases")).toHaveText("@champion");
  expect((await mlflow.modelVersions.getByAlias({ name, alias: "champion" })).version).toBe("2");
  await aliases.getByTestId("alias-name").fill("champion");
  await aliases.getByTestId("alias-version").selectOption("3");
  await expect(aliases.getByTestId("alias-submit")).toHaveText("Move @champion to v3");
  await aliases.getByTestId("alias-submit").click();
  await expect(row("3").getByTestId("model-version-aliases")).toHaveText("@champion");
  await expect(row("2").getByTestId("model-version-aliases")).toHaveText("");
  expect((await mlflow.modelVersions.getByAlias({ name, alias: "champion" })).version).toBe("3");
  expect((await mlflow.registeredModels.get({ name })).aliases).toEqual({ champion: "3" });
  // ... and delete it.
  await aliases.getByRole("button", { name: "Delete alias champion" }).click();
  await expect(aliases.getByTestId("model-alias")).toHaveCount(0);
  expect((await mlflow.registeredModels.get({ name })).aliases).toEqual({});

  // The registered model's tags: add, edit, delete.
  const tags = page.getByTestId("model-tags");
  await tags.getByRole("button", { name: "Add tag" }).click();
  await tags.getByLabel("Tag key").fill("team");
  await tags.getByLabel("Tag value").fill("fraud");
  await tags.getByRole("button", { name: "Add", exact: true }).click();
  await expect(tags.locator('[data-tag-key="team"]')).toContainText("fraud");
  await expect.poll(async () => (await mlflow.registeredModels.get({ name })).tags.team).toBe("fraud");
  await tags.getByRole("button", { name: "Edit tag team" }).click();
  await tags.getByLabel("Value of team").fill("risk");
  await tags.getByRole("button", { name: "Save tag" }).click();
  await expect(tags.locator('[data-tag-key="team"]')).toContainText("risk");
  await expect.poll(async () => (await mlflow.registeredModels.get({ name })).tags.team).toBe("risk");
  await tags.getByRole("button", { name: "Delete tag team" }).click();
  await expect(tags.locator('[data-tag-key="team"]')).toHaveCount(0);
  await expect.poll(async () => (await mlflow.registeredModels.get({ name })).tags.team).toBeUndefined();
  expect((await mlflow.registeredModels.get({ name })).tags[DEPLOYMENT_TAG]).toBe("{}");

  // The description: Markdown rendered, raw HTML not.
  const description = '# Fraud model\n\nTrained on **2025** data. <b id="raw-html">raw</b>';
  await page.getByTestId("model-description").getByRole("button", { name: "Edit description" }).click();
  await page.getByTestId("model-description-editor").getByLabel("Description (Markdown)").fill(description);
  await page.getByRole("button", { name: "Save description" }).click();
  const shown = page.getByTestId("model-description");
  await expect(shown.getByRole("heading", { name: "Fraud model" })).toBeVisible();
  await expect(shown.locator("strong")).toHaveText("2025");
  await expect(page.locator("#raw-html")).toHaveCount(0);
  await expect.poll(async () => (await mlflow.registeredModels.get({ name })).description).toBe(description);

  // Opening a version puts it in the URL; its tags and description are edited in its panel.
  await row("2").getByTestId("model-version-toggle").click();
  await expect(page).toHaveURL(/[?&]version=2$/);
  await expect(row("2")).toHaveAttribute("data-state", "selected");
  const panel = page.getByTestId("model-version-panel");
  await expect(panel).toContainText(`runs:/${run2}/model`);
  const versionTags = panel.getByTestId("model-version-tags");
  await versionTags.getByRole("button", { name: "Add tag" }).click();
  await versionTags.getByLabel("Tag key").fill("validated");
  await versionTags.getByLabel("Tag value").fill("yes");
  await versionTags.getByRole("button", { name: "Add", exact: true }).click();
  await expect(versionTags.locator('[data-tag-key="validated"]')).toContainText("yes");
  await expect.poll(async () => (await mlflow.modelVersions.get({ name, version: "2" })).tags.validated).toBe("yes");
  await panel.getByRole("button", { name: "Add a version description" }).click();
  await panel.getByLabel("Description (Markdown)").fill("Best accuracy so far");
  await panel.getByRole("button", { name: "Save description" }).click();
  await expect(row("2")).toContainText("Best accuracy so far");
  await expect
    .poll(async () => (await mlflow.modelVersions.get({ name, version: "2" })).description)
    .toBe("Best accuracy so far");

  // The link alone reopens the version; Back closes it.
  await page.reload();
  await expect(page.getByTestId("model-version-panel")).toContainText(`runs:/${run2}/model`, FIRST_LOAD);
  // The reloaded page is server-rendered: a click before hydration does nothing, so click until it opens.
  await expect(async () => {
    await row("1").getByTestId("model-version-toggle").click();
    await expect(page).toHaveURL(/[?&]version=1$/, { timeout: 2_000 });
  }).toPass();
  await page.goBack();
  await expect(page).toHaveURL(/[?&]version=2$/);
  await expect(row("2")).toHaveAttribute("data-state", "selected");

  // A run link goes to the run's page.
  await row("1").getByTestId("model-version-run").click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${experimentId}/runs/${run1}$`));
});

test("with no registered model matching, the list says so; a model without versions says how to register one", async ({
  page,
  mlflow,
}) => {
  // A name with a space and a percent sign travels through the URL intact.
  const name = `${unique("e2e-empty-model")} 100% new`;
  await mlflow.registeredModels.create({ name });
  await page.goto(`/models/${encodeURIComponent(name)}`);
  await expect(page.getByTestId("model-name")).toHaveText(name, FIRST_LOAD);
  await expect(page.getByTestId("model-versions-empty")).toContainText("mlflow.register_model()");
  await page.goto(`/models?q=${encodeURIComponent(unique("nothing-matches"))}`);
  await expect(page.getByTestId("models-no-results")).toBeVisible(FIRST_LOAD);
});
