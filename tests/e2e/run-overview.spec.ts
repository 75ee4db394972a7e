import type { Page } from "@playwright/test";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { expect, test, unique } from "./fixtures";

const SHA = "3f9a1c0b7d2e4f6a8b9c0d1e2f3a4b5c6d7e8f90";
const NOTE = "mlflow.note.content";

async function newRun(
  mlflow: MlflowClient,
  prefix: string,
  options: { runName?: string; tags?: Record<string, string> } = {},
) {
  const experimentId = await mlflow.experiments.create({ name: unique(prefix) });
  const run = await mlflow.runs.create({
    experimentId,
    runName: options.runName ?? "run",
    startTime: Date.now() - 90_000,
    ...(options.tags ? { tags: options.tags } : {}),
  });
  return { experimentId, runId: run.info.runId, url: `/experiments/${experimentId}/runs/${run.info.runId}` };
}

const tagsOf = async (mlflow: MlflowClient, runId: string) => (await mlflow.runs.get({ runId })).data.tags;

/** Dialogs the page opened: injected script would show up here, or in the global it sets. */
function watchDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on("dialog", (dialog) => {
    opened.push(dialog.message());
    void dialog.dismiss();
  });
  return opened;
}
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null);

test("the overview shows params, metrics (NaN too), tags, the source with its commit link, and names as text", async ({
  page,
  mlflow,
}) => {
  // A long flow of page actions, each awaiting the real MLflow: give it the slow-test budget.
  test.slow();
  const dialogs = watchDialogs(page);
  const runName = '<img src=x onerror="window.__pwned=1"><b id="injected-name">bold</b>';
  const { runId, url } = await newRun(mlflow, "e2e-overview", {
    runName,
    tags: {
      "mlflow.source.name": "train.py",
      "mlflow.source.type": "LOCAL",
      "mlflow.source.git.commit": SHA,
      "mlflow.source.git.branch": "main",
      "mlflow.source.git.repoURL": "git@github.com:acme/models.git",
      "mlflow.user": "ana",
      team: "vision",
    },
  });
  const now = Date.now();
  await mlflow.runs.logBatch({
    runId,
    params: { lr: "0.01", optimizer: "adam", config: `{"layers": [${"128, ".repeat(80)}10]}` },
    metrics: [
      { key: "loss", value: 0.5, step: 1, timestamp: now - 1000 },
      { key: "loss", value: 0.25, step: 3, timestamp: now },
      { key: "weird", value: Number.NaN, step: 0, timestamp: now },
      { key: "system/cpu_utilization_percentage", value: 12, step: 0, timestamp: now },
    ],
  });
  await mlflow.runs.update({ runId, status: "FINISHED", endTime: now + 1000 });

  await page.goto(url);
  await expect(page.getByTestId("run-name")).toHaveText(runName);
  await expect(page.locator("#injected-name")).toHaveCount(0);

  const params = page.getByTestId("run-params");
  await expect(params.getByTestId("run-param-row")).toHaveCount(3);
  await expect(params.getByTestId("run-param-row").filter({ hasText: "lr" })).toContainText("0.01");
  await params.getByLabel("Search parameters").fill("ADAM");
  await expect(params.getByTestId("run-param-row")).toHaveCount(1);
  await expect(params.getByTestId("run-param-row")).toContainText("optimizer");
  await params.getByLabel("Search parameters").fill("");
  await params.getByRole("button", { name: /Show all \d+ characters/ }).click();
  await expect(params.getByRole("button", { name: "Show less" })).toBeVisible();

  const metrics = page.getByTestId("run-metrics");
  const loss = metrics.getByTestId("run-metric-row").filter({ hasText: "loss" });
  await expect(loss.getByTestId("run-metric-value")).toHaveText("0.25");
  await expect(loss.locator("td").nth(2)).toHaveText("3");
  await expect(
    metrics.getByTestId("run-metric-row").filter({ hasText: "weird" }).getByTestId("run-metric-value"),
  ).toHaveText("NaN");

  const tags = page.getByTestId("run-tags");
  await expect(tags.getByTestId("run-tag-row")).toHaveCount(1);
  await expect(tags.getByTestId("run-tag-row")).toContainText("vision");
  const systemTags = tags.getByTestId("run-system-tags");
  await expect(systemTags.getByText("mlflow.source.name")).toBeHidden();
  await systemTags.getByText(/MLflow system tags/).click();
  await expect(systemTags.getByText("mlflow.source.name")).toBeVisible();
  await expect(systemTags.getByRole("button", { name: /Edit|Delete/ })).toHaveCount(0);

  const details = page.getByTestId("run-details");
  await expect(details.getByTestId("run-source")).toContainText("train.py");
  await expect(details.getByTestId("run-source")).toContainText("LOCAL");
  await expect(details).toContainText("ana");
  await expect(details).toContainText("main");
  const commit = details.getByTestId("run-commit-link");
  await expect(commit).toHaveAttribute("href", `https://github.com/acme/models/commit/${SHA}`);
  await expect(commit).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(commit).toHaveText(SHA.slice(0, 8));
  await expect(commit.locator(`[title="${SHA}"]`)).toHaveCount(1);
  await expect(details.getByTestId("run-id")).toHaveText(runId);

  // A metric's key opens its chart tab; system metrics have their own.
  await loss.getByRole("link", { name: "loss" }).click();
  await expect(page).toHaveURL(/\?tab=metrics$/);
  await expect(page.getByRole("tab", { name: /^Metrics/ })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("run-overview")).toBeHidden();
  await page.goBack();
  await expect(page).not.toHaveURL(/tab=/);
  await page.getByRole("link", { name: "system/cpu_utilization_percentage" }).click();
  await expect(page).toHaveURL(/\?tab=system$/);
  await expect(page.getByRole("tab", { name: /^System metrics/ })).toHaveAttribute("aria-selected", "true");
  expect(await pwned(page)).toBeNull();
  expect(dialogs).toEqual([]);
});

test("a description written in Markdown is exactly what MLflow stores; its preview renders Markdown, never markup", async ({
  page,
  mlflow,
}) => {
  // A long flow of page actions, each awaiting the real MLflow: give it the slow-test budget.
  test.slow();
  const dialogs = watchDialogs(page);
  const { runId, url } = await newRun(mlflow, "e2e-note");
  const note = [
    "# Findings",
    "",
    "**Warmup** helps; see [the paper](https://example.com/paper).",
    "",
    '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">',
    "",
    "- [x] tried lr 0.01",
    "",
    "![loss curve](https://example.com/loss.png) [bad](javascript:window.__pwned=3)",
  ].join("\n");

  await page.goto(url);
  const card = page.getByTestId("run-note");
  await expect(card).toContainText("No description yet");
  await card.getByRole("button", { name: "Add a description" }).click();
  await card.getByLabel("Description (Markdown)").fill(note);
  await card.getByRole("tab", { name: "Preview" }).click();

  const preview = card.getByTestId("run-note-preview");
  await expect(preview.getByRole("heading", { name: "Findings" })).toBeVisible();
  await expect(preview.locator("strong")).toHaveText("Warmup");
  const link = preview.getByRole("link", { name: "the paper" });
  await expect(link).toHaveAttribute("href", "https://example.com/paper");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  // Raw HTML is shown as text: no element is created, nothing runs, no image is fetched.
  await expect(preview).toContainText("<script>window.__pwned = 1</script>");
  await expect(preview.locator("script, img, [onerror]")).toHaveCount(0);
  await expect(preview.getByRole("link", { name: "loss curve" })).toHaveAttribute(
    "href",
    "https://example.com/loss.png",
  );
  await expect(preview.getByText("bad")).toBeVisible();
  await expect(preview.locator('a[href^="javascript"]')).toHaveCount(0);
  expect(await pwned(page)).toBeNull();

  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByRole("heading", { name: "Findings" })).toBeVisible();
  await expect.poll(async () => (await tagsOf(mlflow, runId))[NOTE]).toBe(note);

  // After a reload the note comes back from MLflow, rendered; editing starts from it.
  await page.reload();
  await expect(card.getByRole("heading", { name: "Findings" })).toBeVisible();
  await expect(card.locator("script, img")).toHaveCount(0);
  await card.getByRole("button", { name: "Edit" }).click();
  await expect(card.getByLabel("Description (Markdown)")).toHaveValue(note);
  await card.getByLabel("Description (Markdown)").fill("Short *note*");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.locator("em")).toHaveText("note");
  await expect.poll(async () => (await tagsOf(mlflow, runId))[NOTE]).toBe("Short *note*");
  expect(await pwned(page)).toBeNull();
  expect(dialogs).toEqual([]);
});

test("tags: add, edit and delete, each checked against MLflow; bad keys and values are refused", async ({
  page,
  mlflow,
}) => {
  // A long flow of page actions, each awaiting the real MLflow: give it the slow-test budget.
  test.slow();
  const { runId, url } = await newRun(mlflow, "e2e-tags");
  await page.goto(url);
  const tags = page.getByTestId("run-tags");
  await expect(tags).toContainText("No tags yet");
  const key = tags.getByLabel("Key", { exact: true });
  const value = tags.getByLabel("Value", { exact: true });

  await key.fill("mlflow.secret");
  await expect(tags.getByText(/are MLflow's own/)).toBeVisible();
  await key.fill("bad<key>");
  await expect(tags.getByText(/may only contain/)).toBeVisible();
  await key.fill("k".repeat(251));
  await expect(tags.getByText("At most 250 characters (MLflow's limit)")).toBeVisible();
  await key.fill("owner");
  await value.fill("v".repeat(8001));
  await expect(tags.getByText("At most 8000 characters (MLflow's limit)")).toBeVisible();
  await tags.getByRole("button", { name: "Add tag" }).click();
  await expect(tags.getByTestId("run-tag-row")).toHaveCount(0);

  await value.fill("ana <b>lead</b>");
  await tags.getByRole("button", { name: "Add tag" }).click();
  const row = tags.locator('[data-testid="run-tag-row"][data-key="owner"]');
  await expect(row).toContainText("ana <b>lead</b>");
  await expect.poll(async () => (await tagsOf(mlflow, runId)).owner).toBe("ana <b>lead</b>");

  await key.fill("owner");
  await expect(tags.getByText(/already has a tag "owner"/)).toBeVisible();
  await key.fill("");

  await row.getByRole("button", { name: "Edit tag owner" }).click();
  await row.getByLabel("Value of owner").fill("bob");
  await row.getByLabel("Value of owner").press("Enter");
  await expect(row).toContainText("bob");
  await expect.poll(async () => (await tagsOf(mlflow, runId)).owner).toBe("bob");

  await row.getByRole("button", { name: "Delete tag owner" }).click();
  await expect(row).toHaveCount(0);
  await expect.poll(async () => "owner" in (await tagsOf(mlflow, runId))).toBe(false);
});

test("rename, delete and restore, each checked against MLflow", async ({ page, mlflow }) => {
  // A long flow of page actions, each awaiting the real MLflow: give it the slow-test budget.
  test.slow();
  const { runId, url } = await newRun(mlflow, "e2e-lifecycle", { runName: "before" });
  await page.goto(url);
  const header = page.getByTestId("run-header");

  await header.getByRole("button", { name: "Rename" }).click();
  const dialog = page.getByRole("dialog", { name: "Rename run" });
  await dialog.getByLabel("Run name").fill("   ");
  await expect(dialog.getByText("A run name cannot be empty")).toBeVisible();
  await dialog.getByLabel("Run name").fill("after <i>it</i>");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("run-name")).toHaveText("after <i>it</i>");
  await expect
    .poll(async () => {
      const run = await mlflow.runs.get({ runId });
      return [run.info.runName, run.data.tags["mlflow.runName"]];
    })
    .toEqual(["after <i>it</i>", "after <i>it</i>"]);

  await header.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("restore");
  await confirm.getByRole("button", { name: "Delete run" }).click();
  await expect(page.getByTestId("run-deleted-banner")).toBeVisible();
  await expect(header.getByRole("button", { name: "Rename" })).toBeDisabled();
  await expect(page.getByTestId("run-note").getByRole("button", { name: "Add a description" })).toHaveCount(0);
  await expect.poll(async () => (await mlflow.runs.get({ runId })).info.lifecycleStage).toBe("deleted");

  // A deleted run's page says so after a reload too, and restores.
  await page.reload();
  await expect(page.getByTestId("run-deleted-banner")).toBeVisible();
  await page.getByTestId("run-deleted-banner").getByRole("button", { name: "Restore" }).click();
  await expect(page.getByTestId("run-deleted-banner")).toHaveCount(0);
  await expect(header.getByRole("button", { name: "Delete" })).toBeVisible();
  await expect.poll(async () => (await mlflow.runs.get({ runId })).info.lifecycleStage).toBe("active");
});

test("parent and child links navigate", async ({ page, mlflow }) => {
  // Three page loads against the real MLflow: give it the slow-test budget.
  test.slow();
  const { experimentId, runId: parentId, url } = await newRun(mlflow, "e2e-family", { runName: "sweep" });
  const childIds: string[] = [];
  for (const name of ["trial-1", "trial-2"]) {
    const child = await mlflow.runs.create({ experimentId, runName: name, tags: { "mlflow.parentRunId": parentId } });
    childIds.push(child.info.runId);
  }
  await page.goto(url);
  const children = page.getByTestId("run-children");
  await expect(children.getByTestId("run-child")).toHaveCount(2);
  await expect(children.getByTestId("run-children-all")).toHaveCount(0);
  await children.getByRole("link", { name: "trial-1" }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${childIds[0]}$`));
  await expect(page.getByTestId("run-name")).toHaveText("trial-1");
  await page.getByTestId("run-parent-link").click();
  await expect(page).toHaveURL(new RegExp(`/runs/${parentId}$`));
  await expect(page.getByTestId("run-name")).toHaveText("sweep");
});

test("an LLM run shows its token and cost totals, summed over every point, and its child runs' apart", async ({
  page,
  mlflow,
}) => {
  const llmTags = { "mltrack.category": "llm", "llm.provider": "openai", "llm.model": "gpt-4o-mini" };
  const { experimentId, runId, url } = await newRun(mlflow, "e2e-llm", { runName: "agent", tags: llmTags });
  const t = Date.now();
  const calls = (values: Record<string, number[]>) =>
    Object.entries(values).flatMap(([key, points]) =>
      points.map((value, step) => ({ key, value, step, timestamp: t + step })),
    );
  await mlflow.runs.logBatch({
    runId,
    metrics: calls({
      "llm.tokens.prompt_tokens": [100, 200, 300],
      "llm.tokens.completion_tokens": [10, 20, 30],
      "llm.tokens.total_tokens": [110, 220, 330],
      "llm.cost_usd": [0.5, 0.25, 0.75],
    }),
  });
  const child = await mlflow.runs.create({
    experimentId,
    runName: "tool-call",
    tags: { ...llmTags, "mlflow.parentRunId": runId },
  });
  await mlflow.runs.logBatch({
    runId: child.info.runId,
    metrics: calls({
      "llm.tokens.prompt_tokens": [1000, 400],
      "llm.tokens.completion_tokens": [50, 50],
      "llm.tokens.total_tokens": [1050, 450],
      "llm.cost_usd": [0.125, 0.125],
    }),
  });

  await page.goto(url);
  const card = page.getByTestId("run-llm");
  await expect(card.getByTestId("run-llm-model")).toHaveText("openai · gpt-4o-mini");
  await expect(card.getByTestId("run-llm-scope")).toHaveText(["This run", "Child runs (1)", "Including child runs"]);
  const cells = (testId: string) => card.getByTestId(testId).locator("td");
  await expect(cells("run-llm-prompt")).toHaveText(["600", "1,400", "2,000"]);
  await expect(cells("run-llm-completion")).toHaveText(["60", "100", "160"]);
  await expect(cells("run-llm-total")).toHaveText(["660", "1,500", "2,160"]);
  await expect(cells("run-llm-cost")).toHaveText(["$1.50", "$0.25", "$1.75"]);
});

test("MLTrack's run API refuses bad input with a message", async ({ request, mlflow }) => {
  const { runId } = await newRun(mlflow, "e2e-run-api");
  const cases: { method: "PUT" | "PATCH" | "DELETE"; path: string; data?: unknown; message: RegExp }[] = [
    { method: "PUT", path: "/tags", data: { key: "mlflow.runName", value: "x" }, message: /MLflow's own/ },
    { method: "PUT", path: "/tags", data: { key: "ok", value: "v".repeat(8001) }, message: /8000/ },
    { method: "PUT", path: "/tags", data: { key: "ok" }, message: /value/ },
    { method: "DELETE", path: "/tags?key=", message: /Enter a key/ },
    { method: "PUT", path: "/note", data: { content: "n".repeat(8001) }, message: /8000/ },
    { method: "PATCH", path: "", data: { runName: "" }, message: /cannot be empty/ },
  ];
  for (const { method, path, data, message } of cases) {
    const res = await request.fetch(`/api/runs/${runId}${path}`, { method, ...(data ? { data } : {}) });
    expect(res.status(), `${method} ${path}`).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("INVALID_PARAMETER_VALUE");
    expect(body.error.message).toMatch(message);
  }
  expect(Object.keys((await mlflow.runs.get({ runId })).data.tags)).not.toContain("ok");
});

test("an unknown run id is a 404 page; a run under the wrong experiment redirects to its own", async ({
  page,
  mlflow,
}) => {
  const res = await page.goto("/experiments/0/runs/0123456789abcdef0123456789abcdef");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  const { url, runId } = await newRun(mlflow, "e2e-redirect", { runName: "moved" });
  await page.goto(`/experiments/0/runs/${runId}`);
  await expect(page).toHaveURL(new RegExp(`${url}$`));
  await expect(page.getByTestId("run-name")).toHaveText("moved");
});
