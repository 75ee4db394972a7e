/**
 * One-click deploy to the local target, through the UI in Chromium, against the real MLflow of the
 * global setup: a scikit-learn model trained and registered by MLflow's own Python client, deployed
 * from its run page, served by `mlflow models serve` (the project's .venv), test-invoked from the
 * deployment page, then undeployed. Predictions are compared with the model's own.
 */
import { createServer } from "node:net";
import type { APIRequestContext } from "@playwright/test";
import type { Deployment } from "mltrack-sdk/deploy-config";
import { registerSklearnModel } from "../support/sklearn-model";
import { expect, mlflowUrl, test, unique } from "./fixtures";

/** Model download, a Python process loading sklearn and MLflow: longer than a page test. */
const READY_TIMEOUT = 150_000;

async function deploymentsOf(request: APIRequestContext, model: string): Promise<Deployment[]> {
  const res = await request.get(`/api/deployments?model=${encodeURIComponent(model)}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { deployments: Deployment[] }).deployments;
}

/** Resolves true when `port` can be bound on the loopback interface again. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

test("a registered sklearn version deploys locally from its run page, answers like the model itself, and undeploys", async ({
  page,
  request,
  mlflow,
}) => {
  test.setTimeout(300_000);
  const model = await registerSklearnModel(mlflowUrl(), unique("e2e-iris"));
  const run = await mlflow.runs.get({ runId: model.runId });
  const created: string[] = [];
  try {
    await page.goto(`/experiments/${run.info.experimentId}/runs/${model.runId}`);
    await page.getByTestId("run-deploy").getByTestId("deploy-button").click();
    const dialog = page.getByTestId("deploy-dialog");
    await expect(dialog.getByTestId("deploy-target")).toHaveValue("local");

    // The fields come from LocalConfig with its help texts.
    const timeout = dialog.getByLabel(/^Timeout seconds/);
    await expect(timeout).toHaveValue("60");
    await expect(dialog.getByTestId("config-field-timeoutSeconds")).toContainText("504");

    // A bad value: the field's error under it (the same schema as the server's), nothing created.
    await timeout.fill("0");
    await dialog.getByTestId("deploy-submit").click();
    await expect(dialog.getByTestId("config-field-timeoutSeconds").getByTestId("config-field-error")).toBeVisible();
    expect(await deploymentsOf(request, model.name)).toEqual([]);

    // Modal: CPU, memory and GPU from ModalConfig; without tokens on the server the engine's
    // preflight refuses (the error verbatim with its hint) and nothing is created.
    await dialog.getByTestId("deploy-target").selectOption("modal");
    await expect(dialog.getByTestId("deploy-modal-resources")).toContainText("1 CPU, 2048 MiB memory, GPU none");
    await expect(dialog.getByLabel(/^Gpu/)).toBeVisible();
    await dialog.getByTestId("deploy-submit").click();
    await expect(dialog.getByTestId("deploy-error")).toContainText("MODAL_TOKEN_ID and MODAL_TOKEN_SECRET are not set");
    expect(await deploymentsOf(request, model.name)).toEqual([]);
    await dialog.getByTestId("deploy-target").selectOption("local");
    await expect(dialog.getByTestId("deploy-error")).toHaveCount(0);
    // The local form kept what was typed.
    await expect(timeout).toHaveValue("0");

    // A double click on Deploy makes one deployment.
    await timeout.fill("30");
    await dialog.getByTestId("deploy-submit").dblclick();
    const progress = dialog.getByTestId("deployment-progress");
    await expect(progress).toBeVisible();
    await expect(progress.getByTestId("deployment-status")).toHaveAttribute("data-status", "ready", {
      timeout: READY_TIMEOUT,
    });
    // Each transition is listed with its time.
    const statuses = await progress.getByTestId("deployment-event-status").allTextContents();
    expect(statuses).toEqual(expect.arrayContaining(["pending", "ready"]));
    expect(statuses.at(-1)).toBe("ready");
    const endpoint = await progress.getByTestId("deployment-endpoint").textContent();
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    const port = Number(new URL(endpoint ?? "").port);

    const listed = await deploymentsOf(request, model.name);
    created.push(...listed.map((d) => d.id));
    expect(listed).toHaveLength(1);
    const [deployment] = listed as [Deployment];
    expect(deployment).toMatchObject({ target: "local", modelVersion: model.version, status: "ready" });
    expect(deployment.config).toMatchObject({ timeoutSeconds: 30 });

    // The deployments page lists it with a link to the model.
    await page.goto(`/deployments?model=${encodeURIComponent(model.name)}`);
    const row = page.getByTestId("deployment-row");
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("deployment-status")).toHaveText("ready");
    await expect(row.getByRole("link", { name: model.name })).toHaveAttribute(
      "href",
      `/models/${encodeURIComponent(model.name)}`,
    );
    await row.getByRole("link", { name: deployment.id }).click();

    // Detail page: the test-invoke form starts from the model's serving input example.
    await expect(page.getByTestId("deployment-view")).toBeVisible();
    await expect(page.getByTestId("invoke-example-note")).toContainText("serving input example");
    const body = page.getByTestId("invoke-body");
    const prefilled = JSON.parse(await body.inputValue()) as {
      dataframe_split: { columns: string[]; data: number[][] };
    };
    expect(prefilled.dataframe_split.columns).toEqual(model.columns);
    expect(prefilled.dataframe_split.data).toEqual(model.rows);
    await expect(page.getByTestId("invoke-snippet")).toContainText(`curl -sS -X POST '${endpoint}/invocations'`);

    await page.getByTestId("invoke-submit").click();
    await expect(page.getByTestId("invoke-status")).toHaveText("200");
    const answer = JSON.parse((await page.getByTestId("invoke-response").textContent()) ?? "null") as {
      predictions: number[];
    };
    expect(answer.predictions).toEqual(model.predictions);
    await expect(page.getByTestId("invoke-stats-count")).toHaveText("1");
    await expect(page.getByTestId("invoke-stats-errors")).toHaveText("0");

    // A body the scoring server refuses: its 400 passes through as a 400 (and counts as an error).
    await body.fill('{"not_a_key": []}');
    await page.getByTestId("invoke-submit").click();
    await expect(page.getByTestId("invoke-status")).toHaveText("400");
    await expect(page.getByTestId("invoke-result")).toContainText("from the scoring server");
    await expect(page.getByTestId("invoke-stats-errors")).toHaveText("1");

    // The invoke path is answered by the custom server before Next's router (lib/http/direct-routes.ts):
    // the same answers, limits and error shapes as the Next route it stands in for.
    const invoke = (id: string, data: string, contentType = "application/json") =>
      request.post(`/api/deployments/${id}/invoke`, { data, headers: { "content-type": contentType } });
    const direct = await invoke(deployment.id, model.servingInput);
    expect(direct.status()).toBe(200);
    expect(direct.headers()["x-mltrack-route"]).toBe("direct");
    expect(((await direct.json()) as { predictions: number[] }).predictions).toEqual(model.predictions);
    const tooLarge = await invoke(deployment.id, "1,2\n".repeat(300_000), "text/csv");
    expect(tooLarge.status()).toBe(413);
    expect(await tooLarge.json()).toEqual({
      error: { code: "INVALID_PARAMETER_VALUE", message: "Request body exceeds the 1048576-byte limit" },
    });
    expect((await invoke("d-000000000000", model.servingInput)).status()).toBe(404);
    const badId = await invoke("not-an-id", model.servingInput);
    expect(badId.status()).toBe(400);
    expect(((await badId.json()) as { error: { message: string } }).error.message).toMatch(
      /^Invalid path parameters: id: /,
    );

    // Undeploy: the confirmation lists the process and port; afterwards the port can be bound again.
    await page.getByTestId("undeploy-button").click();
    await expect(page.getByTestId("undeploy-resources")).toContainText(String(port));
    await page.getByTestId("undeploy-confirm").click();
    await expect(page.getByTestId("deployment-view").getByTestId("deployment-status").first()).toHaveAttribute(
      "data-status",
      "stopped",
      { timeout: 60_000 },
    );
    await expect.poll(() => portIsFree(port)).toBe(true);
  } finally {
    // Whatever happened above, leave no scoring server behind.
    for (const d of await deploymentsOf(request, model.name)) {
      if (d.status !== "stopped" && d.status !== "failed") await request.delete(`/api/deployments/${d.id}`);
    }
  }
});

test("a bad config is refused by the server with each field's error, and nothing is created", async ({ request }) => {
  test.setTimeout(120_000);
  const model = await registerSklearnModel(mlflowUrl(), unique("e2e-iris-bad"));
  const res = await request.post("/api/deployments", {
    data: {
      target: "local",
      modelName: model.name,
      modelVersion: model.version,
      config: { timeoutSeconds: 0, startupTimeoutSeconds: "soon", extra: true },
    },
  });
  expect(res.status()).toBe(400);
  const body = (await res.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
  expect(body.error.code).toBe("INVALID_PARAMETER_VALUE");
  expect(Object.keys(body.error.fields).sort()).toEqual([
    "config.extra",
    "config.startupTimeoutSeconds",
    "config.timeoutSeconds",
  ]);
  expect(await deploymentsOf(request, model.name)).toEqual([]);

  const missing = await request.post("/api/deployments", {
    data: { target: "local", modelName: model.name, modelVersion: "99" },
  });
  expect(missing.status()).toBe(404);
  expect(await deploymentsOf(request, model.name)).toEqual([]);
});
