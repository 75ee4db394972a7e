/**
 * Team mode in Chromium, on its own stack (MLflow's basic-auth app with NO_PERMISSIONS by default, the
 * production UI with MLTRACK_AUTH=team): sign in with an MLflow account, see only what MLflow lets you
 * read, a viewer has no Deploy button and a forged deploy is refused, personal tokens, the admin page,
 * sign out.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { startTeamStack, type Credentials, type TeamStack } from "../support/team-stack";
import { expect, test, unique } from "./fixtures";

const FIRST_LOAD = { timeout: 30_000 };
const prefix = unique("e2e-team");
const user = (name: string): Credentials => ({ username: `${name}-${prefix}`, password: `${name}-pw-${randomUUID()}` });
const viewer = user("viewer");
const deployer = user("deployer");
const promoted = user("promoted");

let stack: TeamStack;
let root: MlflowClient;
const seeded = { shared: `${prefix}-shared`, hidden: `${prefix}-hidden`, model: `${prefix}-model` };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  stack = await startTeamStack("e2e-team");
  root = stack.mlflowAs(stack.admin);
  for (const [who, role] of [
    [viewer, "viewer"],
    [deployer, "deployer"],
    [promoted, "viewer"],
  ] as const) {
    await root.users.create(who);
    // Roles are MLTrack's: set through its admin API as MLTrack's own admin.
    const answer = await fetch(`${stack.uiUrl}/api/admin/users/${who.username}`, {
      method: "PATCH",
      headers: {
        authorization: `Basic ${Buffer.from(`${stack.admin.username}:${stack.admin.password}`).toString("base64")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ role }),
    });
    expect(answer.status, await answer.text()).toBe(200);
  }
  const shared = await root.experiments.create({ name: seeded.shared });
  await root.experiments.create({ name: seeded.hidden });
  const run = await root.runs.create({ experimentId: shared, runName: "trained" });
  await root.registeredModels.create({ name: seeded.model });
  await root.modelVersions.create({
    name: seeded.model,
    source: `runs:/${run.info.runId}/model`,
    runId: run.info.runId,
  });
  for (const who of [viewer, deployer]) {
    await root.experimentPermissions.create({ experimentId: shared, username: who.username, permission: "READ" });
    await root.registeredModelPermissions.create({ name: seeded.model, username: who.username, permission: "READ" });
  }
});

test.afterAll(async () => {
  await stack?.stop();
});

async function signInAs(page: Page, who: Credentials, from = "/experiments") {
  await page.goto(`${stack.uiUrl}${from}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Username").fill(who.username);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${stack.uiUrl}${from}`, FIRST_LOAD);
}

test("a wrong password is refused on the sign-in page, and nothing opens without a session", async ({ page }) => {
  await page.goto(`${stack.uiUrl}/models`);
  await expect(page).toHaveURL(`${stack.uiUrl}/signin?callbackUrl=%2Fmodels`);
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await page.getByLabel("Username").fill(viewer.username);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong username or password.");
  await expect(page).toHaveURL(/\/signin/);
});

test("a viewer sees only the experiments MLflow lets them read, and no Deploy button", async ({ page }) => {
  await signInAs(page, viewer);
  await expect(page.getByTestId("user-role")).toHaveText("viewer");
  const rows = page.getByTestId("experiment-row");
  await expect(rows.filter({ hasText: seeded.shared })).toHaveCount(1, FIRST_LOAD);
  await expect(rows.filter({ hasText: seeded.hidden })).toHaveCount(0);
  // The UI hides what a viewer cannot do.
  await expect(page.getByRole("button", { name: "New experiment" })).toHaveCount(0);

  await page.goto(`${stack.uiUrl}/models/${encodeURIComponent(seeded.model)}`);
  await expect(page.getByTestId("model-version-row")).toHaveCount(1, FIRST_LOAD);
  await expect(page.getByTestId("deploy-button")).toHaveCount(0);

  // What the UI hides, the server refuses: a deploy forged with the viewer's own session.
  const forged = await page.request.post(`${stack.uiUrl}/api/deployments`, {
    data: { target: "local", modelName: seeded.model, modelVersion: "1", config: {} },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toMatchObject({ error: { code: "PERMISSION_DENIED" } });
  const hidden = await root.experiments.getByName({ experimentName: seeded.hidden });
  expect((await page.request.get(`${stack.uiUrl}/api/experiments/${hidden.experimentId}`)).status()).toBe(403);
  await page.goto(`${stack.uiUrl}/admin`);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});

test("a deployer sees the Deploy button on the same version", async ({ page }) => {
  await signInAs(page, deployer, `/models/${encodeURIComponent(seeded.model)}`);
  await expect(page.getByTestId("model-version-row")).toHaveCount(1, FIRST_LOAD);
  await expect(page.getByTestId("deploy-button")).toHaveCount(1);
  await page.goto(`${stack.uiUrl}/experiments`);
  await expect(page.getByRole("button", { name: "New experiment" })).toBeVisible(FIRST_LOAD);
});

test("a personal API token is shown once and works as MLFLOW_TRACKING_TOKEN until revoked", async ({ page }) => {
  await signInAs(page, viewer, "/settings/tokens");
  await page.getByLabel("Label").fill("laptop");
  await page.getByRole("button", { name: "Create token" }).click();
  const value = page.getByTestId("new-api-token-value");
  await expect(value).toHaveText(/^mlt_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
  const token = (await value.textContent()) ?? "";
  await expect(page.getByTestId("new-api-token")).toContainText(`MLFLOW_TRACKING_TOKEN=${token}`);
  const gateway = `${stack.uiUrl}/api/2.0/mlflow/experiments/get-by-name?experiment_name=${seeded.shared}`;
  const asToken = () => fetch(gateway, { headers: { authorization: `Bearer ${token}` } });
  expect((await asToken()).status).toBe(200);

  await page.reload();
  await expect(page.getByTestId("new-api-token")).toHaveCount(0);
  const row = page.getByTestId("api-tokens-table").getByRole("row", { name: /laptop/ });
  await expect(row).toContainText("live");
  await expect(page.locator("body")).not.toContainText(token);
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  expect((await asToken()).status).toBe(401);
});

test("an admin changes a role on the admin page; the user's next request has it", async ({ page, browser }) => {
  await signInAs(page, stack.admin, "/admin");
  const role = page.getByTestId(`admin-role-${promoted.username}`);
  await expect(role).toBeVisible(FIRST_LOAD);
  await role.click();
  await page.getByTestId("role-option-deployer").click();
  await expect(role).toContainText("deployer");

  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    await signInAs(other, promoted);
    await expect(other.getByTestId("user-role")).toHaveText("deployer");
  } finally {
    await context.close();
  }
});

test("signing out ends the session", async ({ page }) => {
  await signInAs(page, viewer);
  await page.getByTestId("user-menu").click();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/signin/, FIRST_LOAD);
  await page.goto(`${stack.uiUrl}/experiments`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fexperiments/);
  expect((await page.request.get(`${stack.uiUrl}/api/experiments`)).status()).toBe(401);
});
