/**
 * The run page's Artifacts tab against a real MLflow: files uploaded through MLflow's artifact proxy
 * (the `mlflow` fixture) and a scikit-learn model logged by MLflow's own Python client.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { repoRoot, venvBin } from "../../scripts/lib/paths";
import { png } from "../support/png";
import { expect, mlflowUrl, test, unique } from "./fixtures";

const run = promisify(execFile);

const PWN_HTML = `<!doctype html><html><head><title>report</title></head><body>
<p id="inside">waiting</p>
<script>document.getElementById('inside').textContent = 'script ran in the sandbox';</script>
<script>parent.document.title='pwned'; window.top.__pwned=1</script>
<script>window.top.__pwned=1</script>
<script>try { localStorage.setItem('pwned', '1') } catch (e) { document.getElementById('inside').dataset.storage = 'blocked' }</script>
</body></html>`;

const MARKUP_NAME = "<b id=markup>x<b>.txt";

const FILES: Record<string, Buffer> = {
  "plots/chart.png": png(6, 4),
  "train.log": Buffer.from("epoch 1 loss=0.9\nepoch 2 loss=0.5\n"),
  "metrics.json": Buffer.from('{"accuracy": 0.93, "layers": [64, 32], "nested": {"deep": "value-xyz"}}'),
  "broken.json": Buffer.from('{"accuracy": 0.93,'),
  "table.csv": Buffer.from('name,comment\r\n"Smith, J","said ""hi"""\r\nplain,"multi\nline"\r\n'),
  "report.md": Buffer.from(
    '# Results heading\n\nSome **bold** text and [a link](https://example.com).\n\n<div id="md-raw">raw html</div>\n',
  ),
  "report.html": Buffer.from(PWN_HTML),
  "nested/deeper/leaf.txt": Buffer.from("a leaf in a nested folder\n"),
  [MARKUP_NAME]: Buffer.from("markup in the name\n"),
  "weights.bin": Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]),
};

async function seedRunWithFiles(mlflow: MlflowClient, files: Record<string, Buffer>) {
  const experimentId = await mlflow.experiments.create({ name: unique("e2e-artifacts") });
  const created = await mlflow.runs.create({ experimentId, runName: "with-artifacts", startTime: Date.now() });
  const runId = created.info.runId;
  for (const [file, body] of Object.entries(files)) {
    await mlflow.uploadArtifact({ artifactUri: created.info.artifactUri, path: file, body: new Uint8Array(body) });
  }
  await mlflow.runs.update({ runId, status: "FINISHED", endTime: Date.now() });
  return { experimentId, runId, runPage: `/experiments/${experimentId}/runs/${runId}` };
}

/** The first view of the tab waits for two MLflow round trips (listing, logged models); give a busy machine time. */
const FIRST_LOAD = { timeout: 30_000 };

const node = (page: Page, key: string) => page.locator(`[data-testid="artifact-node"][data-node="${key}"]`);

test("each kind of artifact previews; folders open lazily; a link reopens a file; download is exact", async ({
  page,
  mlflow,
}) => {
  test.setTimeout(180_000);
  const { runId, runPage } = await seedRunWithFiles(mlflow, FILES);
  await page.goto(`${runPage}?tab=artifacts`);
  await expect(page.getByTestId("artifact-tree")).toBeVisible(FIRST_LOAD);
  await expect(page.getByTestId("artifact-placeholder")).toBeVisible();

  // Image, inside a folder that is listed only when opened.
  await expect(node(page, `run:${runId}:plots/chart.png`)).toHaveCount(0);
  await node(page, `run:${runId}:plots`).click();
  await node(page, `run:${runId}:plots/chart.png`).click();
  await expect(page).toHaveURL(/[?&]path=plots%2Fchart\.png/);
  const image = page.getByTestId("artifact-image");
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(6);
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(4);
  await expect(page.getByTestId("artifact-preview-size")).toHaveText(`${FILES["plots/chart.png"]?.length} B`);

  // The Download button gives back exactly the bytes logged.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("artifact-download").click()]);
  expect(download.suggestedFilename()).toBe("chart.png");
  expect(await readFile(await download.path())).toEqual(FILES["plots/chart.png"]);

  // Text.
  await node(page, `run:${runId}:train.log`).click();
  await expect(page.getByTestId("artifact-text")).toHaveText("epoch 1 loss=0.9\nepoch 2 loss=0.5\n");

  // JSON as a tree, then as pretty text; invalid JSON as text with the parse error.
  await node(page, `run:${runId}:metrics.json`).click();
  await expect(page.getByTestId("artifact-json")).toContainText('"value-xyz"');
  await page.getByRole("button", { name: "Text", exact: true }).click();
  await expect(page.getByTestId("artifact-text")).toContainText('"accuracy": 0.93,\n  "layers": [\n    64,');
  await node(page, `run:${runId}:broken.json`).click();
  await expect(page.getByTestId("artifact-json-error")).toContainText("Not valid JSON");
  await expect(page.getByTestId("artifact-text")).toHaveText('{"accuracy": 0.93,');

  // CSV as a table: quoted commas, escaped quotes and a line break inside a field.
  await node(page, `run:${runId}:table.csv`).click();
  const table = page.getByTestId("artifact-table");
  await expect(table.getByRole("columnheader", { name: "comment" })).toBeVisible();
  await expect(table.getByRole("cell", { name: "Smith, J" })).toBeVisible();
  await expect(table.getByRole("cell", { name: 'said "hi"' })).toBeVisible();
  await expect(table.locator("td").filter({ hasText: "multi" })).toHaveText("multi\nline");
  await expect(page.getByTestId("artifact-preview-note")).toContainText("2 rows × 2 columns");

  // Markdown rendered, its raw HTML dropped.
  await node(page, `run:${runId}:report.md`).click();
  const markdown = page.getByTestId("artifact-markdown");
  await expect(markdown.getByRole("heading", { level: 2, name: "Results heading" })).toBeVisible();
  await expect(markdown.locator("strong")).toHaveText("bold");
  await expect(markdown.getByRole("link", { name: "a link" })).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(page.locator("#md-raw")).toHaveCount(0);

  // A binary file: metadata and Download only.
  await node(page, `run:${runId}:weights.bin`).click();
  await expect(page.getByTestId("artifact-preview-note")).toContainText("No preview for this kind of file");
  await expect(page.getByTestId("artifact-preview-size")).toHaveText("6 B");

  // A nested folder opens level by level.
  await node(page, `run:${runId}:nested`).click();
  await expect(page.getByTestId("artifact-folder")).toContainText("deeper/");
  await node(page, `run:${runId}:nested/deeper`).click();
  await node(page, `run:${runId}:nested/deeper/leaf.txt`).click();
  await expect(page.getByTestId("artifact-text")).toHaveText("a leaf in a nested folder\n");
  await expect(page).toHaveURL(/[?&]tab=artifacts/);
  await expect(page).toHaveURL(/[?&]path=nested%2Fdeeper%2Fleaf\.txt/);

  // The URL alone reopens the file, its folders open around it.
  await page.reload();
  await expect(page.getByTestId("artifact-text")).toHaveText("a leaf in a nested folder\n", FIRST_LOAD);
  await expect(node(page, `run:${runId}:nested/deeper/leaf.txt`)).toHaveAttribute("aria-current", "true");

  // Back returns to the previous file.
  await page.goBack();
  await expect(page.getByTestId("artifact-folder")).toContainText("leaf.txt");
});

test("an HTML artifact runs sandboxed; markup in names is text; '..' paths get a 400", async ({ page, mlflow }) => {
  test.setTimeout(180_000);
  const { runId, runPage } = await seedRunWithFiles(mlflow, {
    "report.html": FILES["report.html"] as Buffer,
    [MARKUP_NAME]: FILES[MARKUP_NAME] as Buffer,
    "diagram.svg": Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>top.__svgPwned=1</script><rect width="10" height="10"/></svg>',
    ),
  });
  await page.goto(runPage);
  const title = await page.title();
  await page.goto(`${runPage}?tab=artifacts&path=report.html`);

  const frame = page.getByTestId("artifact-html");
  await expect(frame).toHaveAttribute("sandbox", "allow-scripts", FIRST_LOAD);
  expect(await frame.getAttribute("sandbox")).not.toContain("allow-same-origin");
  // Its own scripts ran (inside the sandbox) ...
  const inside = page.frameLocator('[data-testid="artifact-html"]').locator("#inside");
  await expect(inside).toHaveText("script ran in the sandbox");
  await expect(inside).toHaveAttribute("data-storage", "blocked");
  // ... and could touch neither this page's title nor its window.
  expect(await page.title()).toBe(title);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => localStorage.getItem("pwned"))).toBeNull();

  const html = await page.request.get(`/api/runs/${runId}/artifacts/file?path=report.html`);
  expect(html.headers()["content-type"]).toBe("text/html; charset=utf-8");
  expect(html.headers()["content-security-policy"]).toBe(
    "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline' data: blob:; style-src 'unsafe-inline' data:; img-src data: blob:; font-src data:; frame-ancestors 'self'",
  );
  expect(html.headers()["x-content-type-options"]).toBe("nosniff");
  const svg = await page.request.get(`/api/runs/${runId}/artifacts/file?path=diagram.svg&download=1`);
  expect(svg.headers()["content-type"]).toBe("image/svg+xml");
  expect(svg.headers()["content-security-policy"]).toMatch(/^sandbox; default-src 'none'/);
  expect(svg.headers()["content-disposition"]).toBe(`attachment; filename="diagram.svg"; filename*=UTF-8''diagram.svg`);

  // An SVG opened on its own runs no script either.
  await page.goto(`/api/runs/${runId}/artifacts/file?path=diagram.svg`);
  expect(await page.evaluate(() => (window as unknown as { __svgPwned?: number }).__svgPwned)).toBeUndefined();

  // A file name with markup is text, in the tree and in the preview.
  await page.goto(`${runPage}?tab=artifacts`);
  const markupNode = node(page, `run:${runId}:${MARKUP_NAME}`);
  await expect(markupNode.getByTestId("artifact-node-name")).toHaveText(MARKUP_NAME, FIRST_LOAD);
  await markupNode.click();
  await expect(page.getByTestId("artifact-preview-path")).toHaveText(MARKUP_NAME);
  await expect(page.getByTestId("artifact-text")).toHaveText("markup in the name\n");
  await expect(page.locator("#markup")).toHaveCount(0);

  // Paths that climb out are refused before MLflow sees them, for runs and logged models alike.
  for (const bad of ["../../etc/passwd", "a/../../b", "a/%2e%2e/b", "a%2F..%2F..%2Fb", "/etc/passwd", "a\\..\\b"]) {
    for (const route of [`/api/runs/${runId}/artifacts/file`, `/api/logged-models/m-none/artifacts/file`]) {
      const res = await page.request.get(`${route}?path=${encodeURIComponent(bad)}`);
      expect(res.status(), `${route} ${bad}`).toBe(400);
      expect((await res.json()) as unknown).toMatchObject({ error: { code: "INVALID_PARAMETER_VALUE" } });
    }
  }
  const listing = await page.request.get(`/api/runs/${runId}/artifacts?path=..`);
  expect(listing.status()).toBe(400);
  // The tab shows the refusal instead of a file.
  await page.goto(`${runPage}?tab=artifacts&path=${encodeURIComponent("x/../../secret.txt")}`);
  await expect(page.getByTestId("error-state")).toContainText("'..'", FIRST_LOAD);
});

test("a run without artifacts says how to log some", async ({ page, mlflow }) => {
  const { runPage } = await seedRunWithFiles(mlflow, {});
  await page.goto(`${runPage}?tab=artifacts`);
  await expect(page.getByTestId("artifacts-empty")).toContainText("mlflow.log_artifact(", FIRST_LOAD);
  await expect(page.getByTestId("artifacts-empty")).toContainText("mlflow.log_figure(");
});

test("a logged sklearn model shows flavors, signature and input example, and registers as a model version", async ({
  page,
  mlflow,
}) => {
  test.setTimeout(240_000);
  const { stdout } = await run(
    venvBin("python"),
    [path.join(repoRoot, "tests/e2e/python/log_models.py"), unique("e2e-model")],
    {
      env: { ...process.env, MLFLOW_TRACKING_URI: mlflowUrl(), MLFLOW_DISABLE_TELEMETRY: "true", DO_NOT_TRACK: "true" },
      timeout: 180_000,
    },
  );
  const logged = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as {
    run_id: string;
    experiment_id: string;
    model_id: string;
    sklearn_version: string;
    mlflow_version: string;
    columns: string[];
    first_value: number;
  };

  await page.goto(`/experiments/${logged.experiment_id}/runs/${logged.run_id}?tab=artifacts`);
  // The logged model is a root of its own (its artifacts are not under the run's).
  const modelNode = node(page, `model:${logged.model_id}:`);
  await expect(modelNode).toContainText("iris_model", FIRST_LOAD);
  await modelNode.click();
  await expect(page).toHaveURL(new RegExp(`[?&]model=${logged.model_id}`));

  const card = page.getByTestId("model-card");
  await expect(card.getByTestId("model-flavors")).toContainText("python_function", FIRST_LOAD);
  await expect(card.getByTestId("model-flavors")).toContainText(`sklearn ${logged.sklearn_version}`);
  await expect(card.locator('[data-flavor="python_function"]')).toContainText("mlflow.sklearn");
  await expect(card).toContainText(logged.mlflow_version);
  const inputs = card.getByTestId("signature-inputs");
  for (const column of logged.columns) await expect(inputs.getByRole("cell", { name: column })).toBeVisible();
  await expect(inputs.getByRole("cell", { name: "double" }).first()).toBeVisible();
  await expect(card.getByTestId("signature-outputs").getByRole("cell", { name: "long" })).toBeVisible();
  const example = card.getByTestId("input-example");
  await expect(example.getByRole("columnheader", { name: logged.columns[0] })).toBeVisible();
  await expect(example.getByRole("cell", { name: String(logged.first_value) }).first()).toBeVisible();

  // The model's own files are browsable under it.
  await node(page, `model:${logged.model_id}:MLmodel`).click();
  await expect(page.getByTestId("artifact-text")).toContainText("loader_module: mlflow.sklearn");

  // Register: a new registered model, created on the way; a double click registers once.
  const name = unique("iris");
  await modelNode.click();
  await card.getByTestId("register-model").click();
  const dialog = page.getByTestId("register-model-dialog");
  await dialog.getByTestId("register-model-name").fill(name);
  await dialog.getByTestId("register-model-submit").dblclick();
  await expect(card.getByTestId("model-registered")).toHaveText(`Registered as ${name} version 1`);
  await expect(dialog).toHaveCount(0);
  const v1 = await mlflow.modelVersions.get({ name, version: "1" });
  // MLflow 3.18 keeps the version's model_id but leaves it out of its answers; it tags the logged model instead.
  expect(v1).toMatchObject({ source: `models:/${logged.model_id}`, runId: logged.run_id });
  const tagged = await mlflow.loggedModels.get({ modelId: logged.model_id });
  expect(JSON.parse(tagged.tags["mlflow.modelVersions"] ?? "[]")).toContainEqual({ name, version: 1 });
  const versions = await mlflow.modelVersions.search({ filter: `name = '${name}'` });
  expect(versions.items).toHaveLength(1);

  // Again, picking the now existing registered model from the search: version 2.
  await card.getByTestId("register-model").click();
  await dialog.getByTestId("register-model-name").fill(name.slice(0, -3));
  await dialog.getByTestId("registered-model-option").filter({ hasText: name }).click();
  await expect(dialog.getByTestId("register-model-target")).toContainText("Adds a new version");
  await dialog.getByTestId("register-model-submit").click();
  await expect(card.getByTestId("model-registered")).toHaveText(`Registered as ${name} version 2`);
  expect((await mlflow.modelVersions.get({ name, version: "2" })).source).toBe(`models:/${logged.model_id}`);

  // The same model saved among the run's own artifacts has a card too, registered from runs:/.
  await node(page, `run:${logged.run_id}:exported_model`).click();
  await expect(card.getByTestId("model-flavors")).toContainText("sklearn", FIRST_LOAD);
  await expect(card).toContainText(`runs:/${logged.run_id}/exported_model`);
  await card.getByTestId("register-model").click();
  await dialog.getByTestId("register-model-name").fill(name);
  await dialog.getByTestId("register-model-submit").click();
  await expect(card.getByTestId("model-registered")).toHaveText(`Registered as ${name} version 3`);
  expect(await mlflow.modelVersions.get({ name, version: "3" })).toMatchObject({
    source: `runs:/${logged.run_id}/exported_model`,
    runId: logged.run_id,
  });

  // The result links to the registered model's page, which lists the three versions and their run.
  await card.getByTestId("model-registered").getByRole("link").click();
  await expect(page.getByTestId("model-name")).toHaveText(name, FIRST_LOAD);
  await expect(page.getByTestId("model-version-row")).toHaveCount(3);
  await expect(page.getByTestId("model-version-row").first()).toContainText("v3");
  await page.getByTestId("model-version-row").first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/runs/${logged.run_id}$`));
});
