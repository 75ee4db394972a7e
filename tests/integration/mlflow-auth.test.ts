/**
 * The SDK's user and permission endpoints against a real MLflow 3.18 running its basic-auth app, on a
 * server of this file's own with `default_permission = NO_PERMISSIONS`: a user sees a resource only
 * through a grant (or by having created it, which makes them its MANAGE holder).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MlflowAuthenticationError,
  MlflowBadRequestError,
  MlflowClient,
  MlflowNotFoundError,
  MlflowPermissionDeniedError,
  type User,
} from "mltrack-sdk/mlflow";
import type { MlflowServer } from "../../scripts/lib/mlflow-server";
import { startTestMlflow } from "../support/stack";

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const admin = { username: "admin", password: `admin-${randomUUID()}` };
const alice = { username: unique("alice"), password: `alice-${randomUUID()}` };
const bob = { username: unique("bob"), password: `bob-${randomUUID()}` };

let dataDir: string;
let server: MlflowServer | undefined;

function as(user: { username: string; password: string }): MlflowClient {
  return new MlflowClient({
    trackingUri: server?.url ?? "",
    auth: { type: "basic", ...user },
    maxRetries: 0,
  });
}

async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
    },
    (err: unknown) => err,
  );
}

async function expectDenied(call: Promise<unknown>): Promise<void> {
  const err = await failure(call);
  expect(err).toBeInstanceOf(MlflowPermissionDeniedError);
  expect(err).toMatchObject({ httpStatus: 403, errorCode: "PERMISSION_DENIED" });
}

let created: { alice: User; bob: User };

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "mltrack-auth-"));
  server = await startTestMlflow(dataDir, {
    auth: { adminUsername: admin.username, adminPassword: admin.password, defaultPermission: "NO_PERMISSIONS" },
  });
  created = {
    alice: await as(admin).users.create(alice),
    bob: await as(admin).users.create(bob),
  };
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("MLflow's basic-auth app through the typed client", () => {
  it("bootstraps the admin from the config; the admin creates users; wrong credentials are 401", async () => {
    expect(await as(admin).users.current({})).toEqual({
      user: { id: expect.any(Number), username: admin.username, isAdmin: true },
      isBasicAuth: true,
    });
    expect(created.alice).toEqual({ id: expect.any(Number), username: alice.username, isAdmin: false });
    expect(created.bob).toMatchObject({ username: bob.username, isAdmin: false });

    const duplicate = await failure(as(admin).users.create(bob));
    expect(duplicate).toBeInstanceOf(MlflowBadRequestError);
    expect(duplicate).toMatchObject({ errorCode: "RESOURCE_ALREADY_EXISTS" });

    for (const client of [
      as({ username: alice.username, password: `${alice.password}-wrong` }),
      as({ username: unique("nobody"), password: "no-such-user-pw" }),
      new MlflowClient({ trackingUri: server?.url ?? "", auth: null, maxRetries: 0 }),
    ]) {
      const err = await failure(client.users.current({}));
      expect(err).toBeInstanceOf(MlflowAuthenticationError);
      expect(err).toMatchObject({ httpStatus: 401, errorCode: "UNAUTHENTICATED" });
    }
  });

  it("experiment permissions: the creator manages, READ reads, EDIT renames, a revoked grant is 403 again", async () => {
    const [a, b] = [as(alice), as(bob)];
    const name = unique("auth-exp");
    const experimentId = await a.experiments.create({ name });
    const grant = { experimentId, username: bob.username };

    expect(await a.experimentPermissions.get({ experimentId, username: alice.username })).toEqual({
      allowed: true,
      permission: "MANAGE",
    });
    await expectDenied(b.experiments.get({ experimentId }));
    expect(await b.experimentPermissions.get(grant)).toEqual({ allowed: false, permission: "NO_PERMISSIONS" });
    // Only admins and the user themself may read a user's effective permission, not the owner.
    await expectDenied(a.experimentPermissions.get(grant));
    // Without MANAGE, bob cannot grant himself anything.
    await expectDenied(b.experimentPermissions.create({ ...grant, permission: "MANAGE" }));

    await a.experimentPermissions.create({ ...grant, permission: "READ" });
    expect((await b.experiments.get({ experimentId })).name).toBe(name);
    // `allowed` is MLflow's can_use: READ alone is not enough.
    expect(await b.experimentPermissions.get(grant)).toEqual({ allowed: false, permission: "READ" });
    await expectDenied(b.experiments.update({ experimentId, newName: `${name}-by-bob` }));
    const again = await failure(a.experimentPermissions.create({ ...grant, permission: "EDIT" }));
    expect(again).toBeInstanceOf(MlflowBadRequestError);
    expect(again).toMatchObject({ errorCode: "RESOURCE_ALREADY_EXISTS" });

    await a.experimentPermissions.update({ ...grant, permission: "EDIT" });
    expect(await as(admin).experimentPermissions.get(grant)).toEqual({ allowed: true, permission: "EDIT" });
    await b.experiments.update({ experimentId, newName: `${name}-by-bob` });
    expect((await a.experiments.get({ experimentId })).name).toBe(`${name}-by-bob`);
    await expectDenied(b.experiments.delete({ experimentId }));

    await a.experimentPermissions.delete(grant);
    await expectDenied(b.experiments.get({ experimentId }));
    expect(await b.experimentPermissions.get(grant)).toEqual({ allowed: false, permission: "NO_PERMISSIONS" });
    const gone = await failure(a.experimentPermissions.delete(grant));
    expect(gone).toBeInstanceOf(MlflowNotFoundError);
    // Searches leave out what the caller cannot read.
    const filter = `name = '${name}-by-bob'`;
    expect((await b.experiments.search({ filter })).items).toEqual([]);
    expect((await a.experiments.search({ filter })).items.map((e) => e.experimentId)).toEqual([experimentId]);

    await a.experiments.delete({ experimentId });
  });

  it("registered model permissions: the same ladder on a model", async () => {
    const [a, b] = [as(alice), as(bob)];
    const name = unique("auth-model");
    await a.registeredModels.create({ name });
    const grant = { name, username: bob.username };

    expect(await a.registeredModelPermissions.get({ name, username: alice.username })).toEqual({
      allowed: true,
      permission: "MANAGE",
    });
    await expectDenied(b.registeredModels.get({ name }));

    await a.registeredModelPermissions.create({ ...grant, permission: "READ" });
    expect((await b.registeredModels.get({ name })).name).toBe(name);
    await expectDenied(b.registeredModels.update({ name, description: "by bob" }));

    await a.registeredModelPermissions.update({ ...grant, permission: "EDIT" });
    expect(await b.registeredModelPermissions.get(grant)).toEqual({ allowed: true, permission: "EDIT" });
    await b.registeredModels.update({ name, description: "by bob" });
    expect((await a.registeredModels.get({ name })).description).toBe("by bob");
    await expectDenied(b.registeredModels.delete({ name }));

    await a.registeredModelPermissions.delete(grant);
    await expectDenied(b.registeredModels.get({ name }));

    await a.registeredModels.delete({ name });
  });

  it("lists users and a user's grants", async () => {
    const everyone = await as(admin).users.list({});
    expect(everyone).toEqual(
      expect.arrayContaining([
        { id: created.alice.id, username: alice.username, isAdmin: false, roles: expect.any(Array) },
        { id: created.bob.id, username: bob.username, isAdmin: false, roles: expect.any(Array) },
        expect.objectContaining({ username: admin.username, isAdmin: true }),
      ]),
    );
    // With workspaces off, MLflow 3.18 lets any signed-in user list the users.
    expect((await as(bob).users.list({})).map((u) => u.username)).toContain(alice.username);

    expect(await as(alice).users.get({ username: alice.username })).toEqual(created.alice);
    expect(await as(admin).users.get({ username: bob.username })).toEqual(created.bob);
    const missing = await failure(as(admin).users.get({ username: unique("nobody") }));
    expect(missing).toBeInstanceOf(MlflowNotFoundError);

    const experimentId = await as(alice).experiments.create({ name: unique("auth-grants") });
    const own = await as(alice).users.currentPermissions({});
    expect(own.isAdmin).toBe(false);
    expect(own.grants).toContainEqual({
      roleId: expect.any(Number),
      roleName: `__user_${created.alice.id}__`,
      workspace: "default",
      resourceType: "experiment",
      resourcePattern: experimentId,
      permission: "MANAGE",
    });
    expect(await as(admin).users.permissions({ username: alice.username })).toEqual(own);
    await as(alice).experiments.delete({ experimentId });
  });

  it("updates a password (the old one then fails), the admin flag, and deletes a user", async () => {
    const carol = { username: unique("carol"), password: `carol-${randomUUID()}` };
    await as(admin).users.create(carol);

    const renewed = { ...carol, password: `carol-${randomUUID()}` };
    await as(admin).users.updatePassword(renewed);
    expect(await failure(as(carol).users.current({}))).toBeInstanceOf(MlflowAuthenticationError);
    expect((await as(renewed).users.current({})).user.username).toBe(carol.username);

    // Changing one's own password needs the current one.
    const self = { ...carol, password: `carol-${randomUUID()}` };
    const withoutCurrent = await failure(as(renewed).users.updatePassword(self));
    expect(withoutCurrent).toBeInstanceOf(MlflowBadRequestError);
    expect(withoutCurrent).toMatchObject({ errorCode: "INVALID_PARAMETER_VALUE" });
    await as(renewed).users.updatePassword({ ...self, currentPassword: renewed.password });
    expect(await failure(as(renewed).users.current({}))).toBeInstanceOf(MlflowAuthenticationError);

    await expectDenied(as(self).users.get({ username: bob.username }));
    await as(admin).users.updateAdmin({ username: carol.username, isAdmin: true });
    expect((await as(self).users.current({})).user.isAdmin).toBe(true);
    expect(await as(self).users.get({ username: bob.username })).toEqual(created.bob);
    await as(admin).users.updateAdmin({ username: carol.username, isAdmin: false });
    await expectDenied(as(self).users.get({ username: bob.username }));

    const selfDelete = await failure(as(admin).users.delete({ username: admin.username }));
    expect(selfDelete).toBeInstanceOf(MlflowBadRequestError);
    await as(admin).users.delete({ username: carol.username });
    expect(await failure(as(admin).users.get({ username: carol.username }))).toBeInstanceOf(MlflowNotFoundError);
    expect(await failure(as(self).users.current({}))).toBeInstanceOf(MlflowAuthenticationError);
  });

  it("refuses a non-admin the admin endpoints with 403", async () => {
    const a = as(alice);
    await expectDenied(a.users.create({ username: unique("mallory"), password: `mallory-${randomUUID()}` }));
    await expectDenied(a.users.get({ username: bob.username }));
    await expectDenied(a.users.updatePassword({ username: bob.username, password: `bob-${randomUUID()}` }));
    await expectDenied(a.users.updateAdmin({ username: alice.username, isAdmin: true }));
    await expectDenied(a.users.delete({ username: bob.username }));
    await expectDenied(a.users.permissions({ username: bob.username }));
    // Nothing changed: bob still signs in with his password and is no admin; alice is no admin.
    expect((await as(bob).users.current({})).user).toEqual(created.bob);
    expect((await a.users.current({})).user.isAdmin).toBe(false);
  });
});
