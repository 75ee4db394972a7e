/**
 * Team mode end to end over HTTP: a real MLflow with its basic-auth app (NO_PERMISSIONS by default)
 * and the production UI with MLTRACK_AUTH=team. One table says, for each role and each kind of route
 * (pages, MLTrack's API, the MLflow gateway, deploy, admin), what status comes back; MLflow's own
 * permissions decide per experiment, MLTrack's roles on top.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { signIn, startTeamStack, type Credentials, type TeamStack } from "../support/team-stack";

type Who = "anon" | "outsider" | "viewer" | "editor" | "deployer" | "admin";
const ROLE_OF = {
  outsider: "viewer",
  viewer: "viewer",
  editor: "editor",
  deployer: "deployer",
  admin: "admin",
} as const;

const tag = randomUUID().slice(0, 8);
const users = Object.fromEntries(
  (Object.keys(ROLE_OF) as (keyof typeof ROLE_OF)[]).map((who) => [
    who,
    { username: `${who}-${tag}`, password: `${who}-password-${randomUUID()}` },
  ]),
) as Record<keyof typeof ROLE_OF, Credentials>;

let stack: TeamStack;
let root: MlflowClient;
const cookies = new Map<Who, string>();
const ids = {
  shared: "",
  private: "",
  privateRun: "",
  sharedModel: `shared-model-${tag}`,
  privateModel: `private-model-${tag}`,
};

async function call(who: Who, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  const cookie = cookies.get(who);
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${stack.uiUrl}${path}`, {
    method,
    headers,
    redirect: "manual",
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

beforeAll(async () => {
  stack = await startTeamStack("team-matrix");
  root = stack.mlflowAs(stack.admin);
  // MLTrack's bootstrap admin (MLflow's admin) signs in and creates the team through the admin API.
  const adminCookie = await signIn(stack.uiUrl, stack.admin);
  for (const [who, user] of Object.entries(users)) {
    const created = await fetch(`${stack.uiUrl}/api/admin/users`, {
      method: "POST",
      headers: { cookie: adminCookie, "content-type": "application/json" },
      body: JSON.stringify({ ...user, role: ROLE_OF[who as keyof typeof ROLE_OF] }),
    });
    expect(created.status, await created.clone().text()).toBe(200);
  }
  ids.shared = await root.experiments.create({ name: `shared-${tag}` });
  ids.private = await root.experiments.create({ name: `private-${tag}` });
  ids.privateRun = (await root.runs.create({ experimentId: ids.private, runName: "secret-run" })).info.runId;
  await root.registeredModels.create({ name: ids.sharedModel });
  await root.registeredModels.create({ name: ids.privateModel });
  for (const who of ["viewer", "editor", "deployer"] as const) {
    const permission = who === "viewer" ? "READ" : "EDIT";
    await root.experimentPermissions.create({ experimentId: ids.shared, username: users[who].username, permission });
    await root.registeredModelPermissions.create({ name: ids.sharedModel, username: users[who].username, permission });
  }
  for (const who of Object.keys(users) as (keyof typeof ROLE_OF)[])
    cookies.set(who, await signIn(stack.uiUrl, users[who]));
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

type Expected = Record<Who, number>;
const everyone = (status: number, anon = 401): Expected => ({
  anon,
  outsider: status,
  viewer: status,
  editor: status,
  deployer: status,
  admin: status,
});

/** [what, method, path, body (both made at run time, once the ids exist), expected status per caller]. */
const MATRIX: [string, string, () => string, (() => unknown) | undefined, Expected][] = [
  ["page: experiments", "GET", () => "/experiments", undefined, everyone(200, 307)],
  [
    "page: shared experiment",
    "GET",
    () => `/experiments/${ids.shared}`,
    undefined,
    { ...everyone(200, 307), outsider: 403 },
  ],
  [
    "page: private experiment",
    "GET",
    () => `/experiments/${ids.private}`,
    undefined,
    { ...everyone(403, 307), admin: 200 },
  ],
  ["page: admin", "GET", () => "/admin", undefined, { ...everyone(403, 307), admin: 200 }],
  ["page: API tokens", "GET", () => "/settings/tokens", undefined, everyone(200, 307)],
  ["api: experiments list", "GET", () => "/api/experiments", undefined, everyone(200)],
  [
    "api: shared experiment",
    "GET",
    () => `/api/experiments/${ids.shared}`,
    undefined,
    { ...everyone(200), outsider: 403 },
  ],
  [
    "api: private experiment",
    "GET",
    () => `/api/experiments/${ids.private}`,
    undefined,
    { ...everyone(403), admin: 200 },
  ],
  [
    "api: rename shared experiment (to its own name)",
    "PATCH",
    () => `/api/experiments/${ids.shared}`,
    () => ({ name: `shared-${tag}` }),
    { anon: 401, outsider: 403, viewer: 403, editor: 200, deployer: 200, admin: 200 },
  ],
  [
    "api: runs of the private experiment",
    "POST",
    () => "/api/runs/search",
    () => ({ experimentIds: [ids.private] }),
    // MLflow answers a search with the runs the caller may read: none here (see the test below).
    everyone(200),
  ],
  [
    "gateway: get shared experiment",
    "GET",
    () => `/api/2.0/mlflow/experiments/get?experiment_id=${ids.shared}`,
    undefined,
    { ...everyone(200), outsider: 403 },
  ],
  [
    "gateway: search runs (a read sent as POST)",
    "POST",
    () => "/api/2.0/mlflow/runs/search",
    () => ({ experiment_ids: [ids.shared] }),
    everyone(200),
  ],
  [
    "gateway: create a run in the shared experiment",
    "POST",
    () => "/api/2.0/mlflow/runs/create",
    () => ({ experiment_id: ids.shared, start_time: 1 }),
    { anon: 401, outsider: 403, viewer: 403, editor: 200, deployer: 200, admin: 200 },
  ],
  [
    "gateway: create a run in the private experiment",
    "POST",
    () => "/api/2.0/mlflow/runs/create",
    () => ({ experiment_id: ids.private, start_time: 1 }),
    { ...everyone(403), admin: 200 },
  ],
  [
    "gateway: MLflow's user list stays behind MLTrack",
    "GET",
    () => "/api/2.0/mlflow/users/list",
    undefined,
    { ...everyone(404), anon: 401 },
  ],
  // An empty body: 400 means the caller got past every check to the request's own validation.
  [
    "deploy: create (invalid body)",
    "POST",
    () => "/api/deployments",
    () => ({}),
    { ...everyone(403), deployer: 400, admin: 400 },
  ],
  [
    "deploy: create from a model MLflow hides from the caller",
    "POST",
    () => "/api/deployments",
    () => ({ target: "local", modelName: ids.privateModel, modelVersion: "1", config: {} }),
    { ...everyone(403), admin: 404 },
  ],
  ["deploy: list", "GET", () => "/api/deployments", undefined, everyone(200)],
  [
    "deploy: undeploy an unknown id",
    "DELETE",
    () => "/api/deployments/d-0123456789ab",
    undefined,
    { ...everyone(403), deployer: 404, admin: 404 },
  ],
  [
    "deploy: test-invoke an unknown id (direct route)",
    "POST",
    () => "/api/deployments/d-0123456789ab/invoke",
    () => ({ inputs: [] }),
    everyone(404),
  ],
  ["admin: users", "GET", () => "/api/admin/users", undefined, { ...everyone(403), admin: 200 }],
  [
    "admin: grant",
    "POST",
    () => `/api/admin/users/${users.viewer.username}/permissions`,
    () => ({ resourceType: "experiment", resourceId: ids.shared, permission: "READ" }),
    { ...everyone(403), admin: 200 },
  ],
  ["tokens: list own", "GET", () => "/api/tokens", undefined, everyone(200)],
];

describe("team mode: the role x route matrix", () => {
  const WHO: Who[] = ["anon", "outsider", "viewer", "editor", "deployer", "admin"];
  it.each(MATRIX)("%s", async (_what, method, path, body, expected) => {
    const actual: Partial<Record<Who, number>> = {};
    const answers: string[] = [];
    for (const who of WHO) {
      const answer = await call(who, method, path(), body?.());
      actual[who] = answer.status;
      answers.push(`${who} ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
    }
    // The bodies say why, when a cell differs.
    expect(actual, answers.join("\n")).toEqual(expected);
  });

  it("sends anonymous pages to sign-in and back", async () => {
    const answer = await call("anon", "GET", `/experiments/${ids.shared}`);
    expect(answer.headers.get("location")).toBe(
      `/signin?callbackUrl=${encodeURIComponent(`/experiments/${ids.shared}`)}`,
    );
  });

  it("lists only the experiments MLflow lets each user read", async () => {
    const names = async (who: Who) => {
      const answer = (await (await call(who, "GET", "/api/experiments?maxResults=1000")).json()) as {
        items: { name: string }[];
      };
      return answer.items.map((e) => e.name).filter((name) => name.endsWith(tag));
    };
    expect(await names("outsider")).toEqual([]);
    expect(await names("viewer")).toEqual([`shared-${tag}`]);
    expect((await names("admin")).sort()).toEqual([`private-${tag}`, `shared-${tag}`]);
  });

  it("leaves runs a user may not read out of every search", async () => {
    const runIds = async (who: Who) => {
      const answer = (await (await call(who, "POST", "/api/runs/search", { experimentIds: [ids.private] })).json()) as {
        runs: { runId: string }[];
      };
      const gateway = (await (
        await call(who, "POST", "/api/2.0/mlflow/runs/search", { experiment_ids: [ids.private] })
      ).json()) as { runs?: { info: { run_id: string } }[] };
      return { bff: answer.runs.map((r) => r.runId), gateway: (gateway.runs ?? []).map((r) => r.info.run_id) };
    };
    // The admin sees the run made at set-up (and any the matrix's admin row created).
    const admin = await runIds("admin");
    expect(admin.bff).toContain(ids.privateRun);
    expect(admin.gateway).toContain(ids.privateRun);
    for (const who of ["outsider", "viewer", "editor", "deployer"] as const) {
      expect(await runIds(who), who).toEqual({ bff: [], gateway: [] });
    }
    expect((await call("viewer", "GET", `/api/2.0/mlflow/runs/get?run_id=${ids.privateRun}`)).status).toBe(403);
  });

  it("refuses a viewer's forged deploy with 403 and creates nothing", async () => {
    const forged = await call("viewer", "POST", "/api/deployments", {
      target: "local",
      modelName: ids.sharedModel,
      modelVersion: "1",
      config: {},
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toEqual({
      error: {
        code: "PERMISSION_DENIED",
        message: `This needs the deployer role; ${users.viewer.username} has the viewer role`,
      },
    });
    const list = (await (await call("admin", "GET", "/api/deployments")).json()) as { deployments: unknown[] };
    expect(list.deployments).toEqual([]);
  });
});
