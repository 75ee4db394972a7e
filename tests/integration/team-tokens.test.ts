/**
 * Personal API tokens in team mode, on real parts: a token made in the UI works as
 * MLFLOW_TRACKING_TOKEN for mltrack-sdk's `track()` and for MLflow's own Python client through the
 * gateway, acting as its owner; a revoked, expired, malformed or forged token is a bare 401; wrong
 * passwords are throttled. The UI keeps its store in a real PostgreSQL here (the team-server setup;
 * the matrix test runs on SQLite). Also GitHub's first sign-in provisioning against the same MLflow.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MlflowAuthenticationError, MlflowClient, authFromEnv, collect } from "mltrack-sdk/mlflow";
import { currentRun, flush, track } from "mltrack-sdk";
import { GithubProvisioningError, githubUserCredentials } from "@/features/auth/server/github";
import { openAuthStore } from "@/features/auth/server/store";
import { repoRoot, venvBin } from "../../scripts/lib/paths";
import { startTestPostgres, type TestPostgres } from "../support/postgres";
import { signIn, startTeamStack, type Credentials, type TeamStack } from "../support/team-stack";

const exec = promisify(execFile);
const tag = randomUUID().slice(0, 8);
const editor: Credentials = { username: `editor-${tag}`, password: `editor-password-${randomUUID()}` };
const viewer: Credentials = { username: `viewer-${tag}`, password: `viewer-password-${randomUUID()}` };
const experimentName = `tokens-${tag}`;

let postgres: TestPostgres;
let stack: TeamStack;
let root: MlflowClient;
let experimentId: string;
const cookies: Record<string, string> = {};

async function api(cookie: string, method: string, route: string, body?: unknown): Promise<Response> {
  return fetch(`${stack.uiUrl}${route}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function newToken(cookie: string, label: string): Promise<{ token: string; id: string }> {
  const answer = await api(cookie, "POST", "/api/tokens", { label, expiresInDays: 30 });
  expect(answer.status).toBe(200);
  const created = (await answer.json()) as { token: string; summary: { id: string } };
  return { token: created.token, id: created.summary.id };
}

/** A client of the gateway configured as MLflow clients are: MLFLOW_TRACKING_TOKEN. */
const viaToken = (token: string) =>
  new MlflowClient({ trackingUri: stack.uiUrl, auth: authFromEnv({ MLFLOW_TRACKING_TOKEN: token }), maxRetries: 0 });

function gatewayGet(authorization: string): Promise<Response> {
  return fetch(`${stack.uiUrl}/api/2.0/mlflow/experiments/get?experiment_id=${experimentId}`, {
    headers: { authorization },
  });
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  stack = await startTeamStack("team-tokens", { MLTRACK_AUTH_STORE_URL: await postgres.createDatabase("mltrack") });
  root = stack.mlflowAs(stack.admin);
  const admin = await signIn(stack.uiUrl, stack.admin);
  for (const [user, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const) {
    const created = await api(admin, "POST", "/api/admin/users", { ...user, role });
    expect(created.status).toBe(200);
  }
  experimentId = await root.experiments.create({ name: experimentName });
  await root.experimentPermissions.create({ experimentId, username: editor.username, permission: "EDIT" });
  await root.experimentPermissions.create({ experimentId, username: viewer.username, permission: "READ" });
  cookies.editor = await signIn(stack.uiUrl, editor);
  cookies.viewer = await signIn(stack.uiUrl, viewer);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  await postgres?.stop();
});

describe("personal API tokens through the gateway", () => {
  it("lets track() log a run as the token's owner, and a revoked token gets 401", async () => {
    const { token, id } = await newToken(cookies.editor!, "sdk");
    const train = track(
      (lr: number) => {
        for (let epoch = 0; epoch < 3; epoch++) currentRun().log({ loss: 1 / (epoch + 1) });
        return lr;
      },
      { client: viaToken(token), experiment: experimentName, runName: "sdk-with-token", params: ["lr"] },
    );
    expect(train(0.1)).toBe(0.1);
    await flush();

    const [run] = (
      await root.runs.search({ experimentIds: [experimentId], filter: "attributes.run_name = 'sdk-with-token'" })
    ).items;
    expect(run?.info.status).toBe("FINISHED");
    expect(run?.data.params).toEqual({ lr: "0.1" });
    const history = await collect(root.metrics.getHistoryAll({ runId: run!.info.runId, metricKey: "loss" }));
    expect(history.map((p) => p.value)).toEqual([1, 0.5, 1 / 3]);

    type Listed = { tokens: { id: string; state: string; lastUsedAt: number | null }[] };
    const list = async () => (await (await api(cookies.editor!, "GET", "/api/tokens")).json()) as Listed;
    // The server records a token's use after answering, so the list may lag its last request briefly.
    await expect
      .poll(async () => (await list()).tokens.find((t) => t.id === id))
      .toMatchObject({ state: "live", lastUsedAt: expect.any(Number) });
    const listed = await list();
    expect(JSON.stringify(listed)).not.toContain(token.split("_").at(-1));

    expect((await api(cookies.editor!, "DELETE", `/api/tokens/${id}`)).status).toBe(200);
    const refused = await viaToken(token)
      .experiments.get({ experimentId })
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(MlflowAuthenticationError);
    // Revoking twice, or someone else's token: 404, and nothing changes.
    expect((await api(cookies.editor!, "DELETE", `/api/tokens/${id}`)).status).toBe(404);
  });

  it("lets MLflow's own Python client log a run as the token's owner, and refuses it once revoked", async () => {
    const { token, id } = await newToken(cookies.editor!, "python");
    const env = {
      ...process.env,
      MLFLOW_TRACKING_URI: stack.uiUrl,
      MLFLOW_TRACKING_TOKEN: token,
      MLFLOW_DISABLE_TELEMETRY: "true",
      DO_NOT_TRACK: "true",
    };
    const script = path.join(repoRoot, "tests/integration/python/log_run.py");
    const { stdout } = await exec(venvBin("python"), [script, experimentName], { env });
    const logged = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { run_id: string; params: object };
    const stored = await root.runs.get({ runId: logged.run_id });
    expect(stored.info).toMatchObject({ experimentId, status: "FINISHED" });
    expect(stored.data.params).toEqual(logged.params);
    const note = await root.downloadArtifact({ runId: logged.run_id, path: "notes/hello.txt" });
    expect(await note.text()).toBe("hello from python\n");

    expect((await api(cookies.editor!, "DELETE", `/api/tokens/${id}`)).status).toBe(200);
    const refused = await exec(venvBin("python"), [script, experimentName], { env }).catch((err: unknown) => err);
    expect(String((refused as { stderr?: string }).stderr)).toMatch(/401|UNAUTHENTICATED/);
  });

  it("acts with the owner's rights only: a viewer's token reads but cannot log", async () => {
    const { token } = await newToken(cookies.viewer!, "read-only");
    expect((await viaToken(token).experiments.get({ experimentId })).name).toBe(experimentName);
    const create = await fetch(`${stack.uiUrl}/api/2.0/mlflow/runs/create`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ experiment_id: experimentId }),
    });
    expect(create.status).toBe(403);
  });

  it("answers a malformed, forged or expired token with the same bare 401", async () => {
    const { token, id } = await newToken(cookies.editor!, "soon-expired");
    expect((await gatewayGet(`Bearer ${token}`)).status).toBe(200);
    const forged = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    const db = new pg.Client({ connectionString: stack.storeUrl });
    await db.connect();
    try {
      await db.query("UPDATE mltrack.api_tokens SET expires_at = $1 WHERE id = $2", [Date.now() - 1000, id]);
    } finally {
      await db.end();
    }
    const bodies = new Set<string>();
    for (const authorization of [
      `Bearer ${token}`, // expired
      `Bearer ${forged}`,
      "Bearer mlt_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // unknown id
      "Bearer not-a-token",
      "Bearer ",
      "Token abc",
    ]) {
      const answer = await gatewayGet(authorization);
      expect(answer.status, authorization).toBe(401);
      const body = (await answer.json()) as { error_code: string; message: string };
      expect(body.error_code).toBe("UNAUTHENTICATED");
      if (authorization.startsWith("Bearer ")) bodies.add(body.message);
    }
    // No answer says which part of a token was wrong.
    expect([...bodies]).toEqual(["Invalid, expired or revoked API token"]);
    expect(stack.uiLog()).not.toContain(token);
  });
});

describe("wrong passwords", () => {
  it("are throttled on the gateway: after 5 failures even the right password waits (429, Retry-After)", async () => {
    const basic = (password: string) => `Basic ${Buffer.from(`${viewer.username}:${password}`).toString("base64")}`;
    expect((await gatewayGet(basic(viewer.password))).status).toBe(200);
    for (let attempt = 1; attempt <= 5; attempt++) expect((await gatewayGet(basic("wrong-password"))).status).toBe(401);
    const throttled = await gatewayGet(basic("wrong-password-again"));
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(((await throttled.json()) as { error_code: string }).error_code).toBe("REQUEST_LIMIT_EXCEEDED");
  });

  it("are throttled on sign-in: after 5 failures the right password is refused with a wait", async () => {
    const target: Credentials = { username: `locked-${tag}`, password: `locked-password-${randomUUID()}` };
    await root.users.create(target);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await expect(signIn(stack.uiUrl, { ...target, password: "wrong" })).rejects.toThrow(/CredentialsSignin/);
    }
    await expect(signIn(stack.uiUrl, target)).rejects.toThrow(/Too many failed sign-ins/);
  });
});

describe("GitHub's first sign-in", () => {
  it("provisions an MLflow account once, with a password only MLTrack holds, and never takes over an existing user", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mltrack-github-"));
    const store = await openAuthStore(`sqlite:${path.join(dir, "auth.db")}`);
    try {
      const deps = { store, service: root, secret: stack.secret, defaultRole: "viewer" as const };
      const profile = { id: 4242, login: `octo-${tag}` };
      const first = await githubUserCredentials(profile, deps);
      expect(first.username).toBe(profile.login);
      const current = await stack.mlflowAs(first).users.current({});
      expect(current.user).toMatchObject({ username: profile.login, isAdmin: false });
      const record = await store.getUser(profile.login);
      expect(record).toMatchObject({ source: "github", githubId: "4242", role: "viewer" });
      expect(record?.sealedPassword).not.toContain(first.password);
      expect(await githubUserCredentials(profile, deps)).toEqual(first);

      await root.users.create({ username: `taken-${tag}`, password: `taken-password-${randomUUID()}` });
      await expect(githubUserCredentials({ id: 777, login: `taken-${tag}` }, deps)).rejects.toBeInstanceOf(
        GithubProvisioningError,
      );
      expect(await store.getUserByGithubId("777")).toBeNull();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
