/**
 * What a browser enforces and what other sites can do: every page runs under a nonce-only
 * Content-Security-Policy without a single violation; a real cross-site page cannot make MLTrack
 * change anything (its form post and its fetch are refused, nothing is created in MLflow); a Host
 * that is not a loopback name (DNS rebinding) is refused; no server secret reaches the browser or
 * the log, in team mode where every secret is in use and a user is signed in.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { MlflowNotFoundError } from "mltrack-sdk/mlflow";
import { uiDir } from "../../scripts/lib/paths";
import { SECRET_ENV_NAMES } from "../../ui/lib/secret-env-names";
import { startTeamStack, type TeamStack } from "../support/team-stack";
import { expect, test, unique } from "./fixtures";

const uiUrl = () => process.env.MLTRACK_E2E_UI_URL as string;

test("pages run under a nonce-only Content-Security-Policy with no violation, and carry the security headers", async ({
  page,
  mlflow,
}) => {
  const name = unique("e2e-csp");
  const experimentId = await mlflow.experiments.create({ name });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

  const response = await page.goto("/experiments");
  const headers = response?.headers() ?? {};
  const scriptSrc = headers["content-security-policy"]?.split("; ").find((d) => d.startsWith("script-src ")) ?? "";
  expect(scriptSrc).toMatch(/'nonce-[^']+'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");

  // Hydrated under the policy: typing filters through client-side code and URL state.
  await page.getByTestId("experiment-search").fill(name);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${name}`));
  await expect(page.getByTestId("experiment-row")).toHaveCount(1);
  await page.getByTestId("experiment-row").getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${experimentId}`));
  await page.goto("/models");
  await page.goto("/deployments");
  expect(await violations()).toEqual([]);
});

test.describe("a page on another site", () => {
  let evil: Server;
  let evilUrl: string;

  test.beforeAll(async () => {
    // Another origin serving an attacker's page: a form that posts to MLTrack's MLflow gateway as a
    // simple request (no preflight), and a no-cors fetch to its deploy route.
    evil = createServer((req, res) => {
      const target = new URL(req.url ?? "/", "http://x").searchParams.get("name") ?? "";
      res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html>
<form id="f" method="POST" enctype="text/plain" action="${uiUrl()}/api/2.0/mlflow/experiments/create">
<input name='{"name":"${target}","x":"' value='"}'></form>
<script>
fetch(${JSON.stringify(`${uiUrl()}/api/2.0/mlflow/experiments/create`)}, {
  method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" },
  body: JSON.stringify({ name: ${JSON.stringify(`${target}-fetch`)} }),
}).finally(() => document.getElementById("f").submit());
</script>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    // "localhost" vs MLTrack's "127.0.0.1": another site to the browser, same machine.
    evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}`;
  });
  test.afterAll(() => new Promise<void>((resolve) => evil.close(() => resolve())));

  test("cannot create anything through MLTrack (form post and fetch refused with 403)", async ({ page, mlflow }) => {
    const name = unique("e2e-csrf");
    const refused: number[] = [];
    page.on("response", (res) => {
      if (res.url().endsWith("/experiments/create")) refused.push(res.status());
    });
    await page.goto(`${evilUrl}/?name=${name}`);
    await expect.poll(() => refused.length).toBe(2);
    expect(refused).toEqual([403, 403]);
    await expect(page.locator("body")).toContainText("Cross-site request refused");
    for (const created of [name, `${name}-fetch`]) {
      await expect(mlflow.experiments.getByName({ experimentName: created })).rejects.toBeInstanceOf(
        MlflowNotFoundError,
      );
    }
  });
});

test("a cross-site invoke is refused by the direct route as by every other", async ({ request }) => {
  const res = await request.post("/api/deployments/d-000000000000/invoke", {
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    data: "{}",
  });
  expect(res.status()).toBe(403);
  expect(res.headers()["x-mltrack-route"]).toBe("direct");
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("PERMISSION_DENIED");
});

test("a Host that is not a loopback name is refused (DNS rebinding)", async () => {
  const answer = (host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${uiUrl()}/api/2.0/mlflow/experiments/get?experiment_id=0`,
        { headers: { host } },
        (res) => {
          let body = "";
          res.setEncoding("utf8").on("data", (c: string) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject).end();
    });
  const rebound = await answer(`rebind.example:${new URL(uiUrl()).port}`);
  expect(rebound.status).toBe(403);
  expect(JSON.parse(rebound.body)).toMatchObject({ error_code: "PERMISSION_DENIED" });
  expect((await answer(`localhost:${new URL(uiUrl()).port}`)).status).toBe(200);
});

test.describe("server secrets", () => {
  // Team mode, where every secret has a use: a fresh value in each, so nothing found can be a
  // coincidence or a fixture. The team stack makes its own MLflow admin password, session secret and
  // store path; every other secret is a canary.
  const canaries: Record<string, string> = Object.fromEntries(
    SECRET_ENV_NAMES.filter(
      (name) => !["MLFLOW_TRACKING_PASSWORD", "NEXTAUTH_SECRET", "MLTRACK_AUTH_STORE_URL"].includes(name),
    ).map((name) => [name, `canary-${randomUUID()}`]),
  );
  let stack: TeamStack;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    stack = await startTeamStack("e2e-secrets", {
      ...canaries,
      AWS_ACCESS_KEY_ID: "AKIACANARY",
      MODAL_TOKEN_ID: "ak-canary",
      MLTRACK_GITHUB_CLIENT_ID: "Iv1.canary",
      MLTRACK_GITHUB_ALLOWED_USERS: "octocat",
      MLTRACK_LOG_LEVEL: "debug",
    });
  });
  test.afterAll(() => stack.stop());

  test("never reach the browser (pages, data, scripts, errors), the built client bundle or the log", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const secrets: Record<string, string> = {
      ...canaries,
      MLFLOW_TRACKING_PASSWORD: stack.admin.password,
      NEXTAUTH_SECRET: stack.secret,
      MLTRACK_AUTH_STORE_URL: stack.storeUrl,
    };
    expect(Object.keys(secrets).sort()).toEqual([...SECRET_ENV_NAMES].sort());
    const mlflow = stack.mlflowAs(stack.admin);
    const experimentId = await mlflow.experiments.create({ name: unique("e2e-secrets") });
    const run = await mlflow.runs.create({ experimentId, runName: "secrets" });
    const received: Promise<{ url: string; body: string }>[] = [];
    page.on("response", (res) =>
      received.push(
        res.text().then(
          (body) => ({ url: res.url(), body }),
          () => ({ url: res.url(), body: "" }),
        ),
      ),
    );
    // Signed in as MLTrack's own MLflow account: the one whose password is a server secret.
    await page.goto(`${stack.uiUrl}/experiments`);
    await page.getByLabel("Username").fill(stack.admin.username);
    await page.getByLabel("Password").fill(stack.admin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(`${stack.uiUrl}/experiments`, { timeout: 30_000 });
    for (const url of [
      `/experiments/${experimentId}`,
      `/experiments/${experimentId}/runs/${run.info.runId}`,
      "/models",
      "/deployments",
      "/settings/tokens",
      "/admin",
      "/api/2.0/mlflow/runs/get?run_id=does-not-exist",
      "/api/deployments/d-000000000000",
      "/api/auth/session",
    ]) {
      await page.goto(`${stack.uiUrl}${url}`);
    }
    await page.waitForLoadState("networkidle");
    const bodies = await Promise.all(received);
    expect(bodies.filter((b) => b.url.includes("/_next/static/")).length).toBeGreaterThan(0);
    expect(bodies.find((b) => b.url.endsWith("/api/auth/session"))?.body).toContain(stack.admin.username);

    const staticDir = path.join(uiDir, ".next", "static");
    const bundle = readdirSync(staticDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => ({
        url: path.join(entry.parentPath, entry.name),
        body: readFileSync(path.join(entry.parentPath, entry.name), "latin1"),
      }));
    expect(bundle.length).toBeGreaterThan(10);

    const log = { url: "the UI server's log", body: stack.uiLog() };
    for (const [name, value] of Object.entries(secrets)) {
      const leaks = [...bodies, ...bundle, log].filter((b) => b.body.includes(value)).map((b) => b.url);
      expect(leaks, `${name} leaked`).toEqual([]);
    }
  });
});
