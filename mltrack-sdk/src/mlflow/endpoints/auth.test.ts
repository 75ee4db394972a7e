import { describe, expect, it } from "vitest";
import { json, scriptedFetch } from "../../testing/scripted-fetch";
import { MlflowClient } from "../client";
import { MlflowAuthenticationError, MlflowBadRequestError, MlflowPermissionDeniedError } from "../errors";

function client(...script: Parameters<typeof scriptedFetch>) {
  const { fetch, calls } = scriptedFetch(...script);
  const mlflow = new MlflowClient({
    trackingUri: "http://mlflow.test",
    auth: { type: "basic", username: "alice", password: "alice-password-1" },
    fetch,
    maxRetries: 0,
  });
  return { mlflow, calls };
}

describe("users", () => {
  it("reshapes users, the current user and a user's grants to camelCase", async () => {
    const { mlflow, calls } = client(
      json({
        users: [
          { id: 1, username: "admin", is_admin: true, roles: [] },
          {
            id: 2,
            username: "alice",
            is_admin: false,
            roles: [{ id: 7, name: "team", workspace: "default", description: null, permissions: [] }],
          },
        ],
      }),
      json({ user: { id: 2, username: "alice", is_admin: false }, is_basic_auth: true }),
      json({
        is_admin: false,
        permissions: [
          {
            role_id: 1,
            role_name: "__user_2__",
            workspace: "default",
            resource_type: "experiment",
            resource_pattern: "4",
            permission: "MANAGE",
          },
        ],
      }),
    );
    expect(await mlflow.users.list({})).toEqual([
      { id: 1, username: "admin", isAdmin: true, roles: [] },
      {
        id: 2,
        username: "alice",
        isAdmin: false,
        roles: [{ id: 7, name: "team", workspace: "default", description: null }],
      },
    ]);
    expect(await mlflow.users.current({})).toEqual({
      user: { id: 2, username: "alice", isAdmin: false },
      isBasicAuth: true,
    });
    expect(await mlflow.users.permissions({ username: "alice" })).toEqual({
      isAdmin: false,
      grants: [
        {
          roleId: 1,
          roleName: "__user_2__",
          workspace: "default",
          resourceType: "experiment",
          resourcePattern: "4",
          permission: "MANAGE",
        },
      ],
    });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "GET http://mlflow.test/api/2.0/mlflow/users/list",
      "GET http://mlflow.test/api/2.0/mlflow/users/current",
      "GET http://mlflow.test/api/3.0/mlflow/users/permissions/list?username=alice",
    ]);
  });

  it("sends MLflow's snake_case fields, and checks passwords before sending", async () => {
    const { mlflow, calls } = client(json({}));
    await mlflow.users.updatePassword({
      username: "alice",
      password: "alice-password-2",
      currentPassword: "alice-password-1",
    });
    await mlflow.users.updateAdmin({ username: "bob", isAdmin: true });
    await mlflow.users.delete({ username: "bob" });
    expect(calls.map((c) => [c.method, new URL(c.url).pathname, c.body && JSON.parse(c.body)])).toEqual([
      [
        "PATCH",
        "/api/2.0/mlflow/users/update-password",
        { username: "alice", password: "alice-password-2", current_password: "alice-password-1" },
      ],
      ["PATCH", "/api/2.0/mlflow/users/update-admin", { username: "bob", is_admin: true }],
      ["DELETE", "/api/2.0/mlflow/users/delete", { username: "bob" }],
    ]);
    await expect(mlflow.users.create({ username: "carol", password: "short" })).rejects.toThrow(
      /password: MLflow requires at least 12 characters/,
    );
    expect(calls).toHaveLength(3);
  });

  it("maps MLflow's text 401 and 403 to the authentication and permission errors", async () => {
    const { mlflow } = client(
      new Response("You are not authenticated.", {
        status: 401,
        headers: { "content-type": "text/html; charset=utf-8", "www-authenticate": 'Basic realm="mlflow"' },
      }),
      new Response("Permission denied", { status: 403, headers: { "content-type": "text/html; charset=utf-8" } }),
    );
    const unauthenticated: unknown = await mlflow.users.current({}).catch((e: unknown) => e);
    expect(unauthenticated).toBeInstanceOf(MlflowAuthenticationError);
    expect(unauthenticated).toMatchObject({ errorCode: "UNAUTHENTICATED", httpStatus: 401 });
    const denied: unknown = await mlflow.users.list({}).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(MlflowPermissionDeniedError);
    expect(denied).toMatchObject({ errorCode: "PERMISSION_DENIED", httpStatus: 403, message: "Permission denied" });
  });
});

describe("experiment and registered model permissions", () => {
  it("are MLflow's per-user grant routes with the resource type fixed", async () => {
    const { mlflow, calls } = client(json({}), json({ allowed: true, permission: "EDIT" }), json({}));
    await mlflow.experimentPermissions.create({ experimentId: "4", username: "bob", permission: "READ" });
    expect(await mlflow.registeredModelPermissions.get({ name: "churn model", username: "bob" })).toEqual({
      allowed: true,
      permission: "EDIT",
    });
    await mlflow.registeredModelPermissions.delete({ name: "churn model", username: "bob" });
    expect(calls.map((c) => [c.method, c.url, c.body && JSON.parse(c.body)])).toEqual([
      [
        "POST",
        "http://mlflow.test/api/3.0/mlflow/users/permissions/grant",
        { username: "bob", resource_type: "experiment", resource_id: "4", permission: "READ" },
      ],
      [
        "GET",
        "http://mlflow.test/api/3.0/mlflow/users/permissions/get?username=bob&resource_type=registered_model&resource_id=churn+model",
        undefined,
      ],
      [
        "POST",
        "http://mlflow.test/api/3.0/mlflow/users/permissions/revoke",
        { username: "bob", resource_type: "registered_model", resource_id: "churn model" },
      ],
    ]);
  });

  it("update revokes the grant, then grants the new level; a failed revoke grants nothing", async () => {
    const ok = client(json({}));
    await ok.mlflow.experimentPermissions.update({ experimentId: "4", username: "bob", permission: "EDIT" });
    expect(ok.calls.map((c) => [new URL(c.url).pathname, JSON.parse(c.body ?? "{}")])).toEqual([
      ["/api/3.0/mlflow/users/permissions/revoke", { username: "bob", resource_type: "experiment", resource_id: "4" }],
      [
        "/api/3.0/mlflow/users/permissions/grant",
        { username: "bob", resource_type: "experiment", resource_id: "4", permission: "EDIT" },
      ],
    ]);

    const missing = client(json({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "not found" }, 404));
    await expect(
      missing.mlflow.registeredModelPermissions.update({ name: "m", username: "bob", permission: "EDIT" }),
    ).rejects.toMatchObject({ errorCode: "RESOURCE_DOES_NOT_EXIST", httpStatus: 404 });
    expect(missing.calls).toHaveLength(1);
  });

  it("refuses NO_PERMISSIONS as a grant (revoke instead) before sending", async () => {
    const { mlflow, calls } = client(json({}));
    await expect(
      mlflow.experimentPermissions.create({
        experimentId: "4",
        username: "bob",
        permission: "NO_PERMISSIONS" as "READ",
      }),
    ).rejects.toBeInstanceOf(MlflowBadRequestError);
    expect(calls).toHaveLength(0);
  });
});
