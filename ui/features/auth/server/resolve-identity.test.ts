/**
 * Who a team-mode request is, from its headers alone, on a real SQLite auth store: API tokens (live,
 * expired, revoked, forged, malformed), the session cookie next-auth writes, and refusals that never
 * say which part was wrong. (MLflow credentials, checked by MLflow itself, are covered by the
 * integration tests against a real server.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newApiToken } from "../api-tokens";
import type * as ResolveModule from "./resolve-identity";
import type * as SealModule from "./seal";
import type { AuthStore } from "./store/types";

const dir = mkdtempSync(path.join(tmpdir(), "mltrack-identity-"));
const SECRET = "Vh3kP9sQ2wX7zL4mB8nC1dF6gJ0tR5yU3aE";
let store: AuthStore;
let resolveTeamIdentity: typeof ResolveModule.resolveTeamIdentity;
let seal: typeof SealModule;

beforeAll(async () => {
  vi.stubEnv("MLTRACK_AUTH", "team");
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3000");
  vi.stubEnv("MLFLOW_TRACKING_USERNAME", "mltrack");
  vi.stubEnv("MLFLOW_TRACKING_PASSWORD", "mltrack-password");
  vi.stubEnv("MLTRACK_AUTH_STORE_URL", `sqlite:${path.join(dir, "auth.db")}`);
  vi.stubEnv("MLTRACK_LOG_LEVEL", "error");
  vi.resetModules();
  ({ resolveTeamIdentity } = await import("./resolve-identity"));
  seal = await import("./seal");
  store = await (await import("./store-instance")).authStore();
  await store.insertUser({
    name: "ada",
    role: "editor",
    source: "mlflow",
    githubId: null,
    githubLogin: null,
    sealedPassword: null,
    createdAt: 1,
  });
});

afterAll(async () => {
  await store.close();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

async function tokenFor(userName: string, changes: { expiresAt?: number | null; revokedAt?: number | null } = {}) {
  const { token, id, hash } = newApiToken();
  await store.insertApiToken({
    id,
    hash,
    userName,
    label: "test",
    createdAt: Date.now(),
    expiresAt: changes.expiresAt ?? null,
    revokedAt: changes.revokedAt ?? null,
    lastUsedAt: null,
    sealedPassword: seal.sealWith(seal.apiTokenKey(token), "ada's mlflow password"),
  });
  return token;
}

const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

async function refusal(headers: Headers): Promise<{ status: number; code: string; message: string }> {
  return resolveTeamIdentity(headers).then(
    (identity) => {
      throw new Error(`expected a refusal, got ${identity.name}`);
    },
    (err: { status: number; code: string; message: string }) => ({
      status: err.status,
      code: err.code,
      message: err.message,
    }),
  );
}

describe("team identity from an API token", () => {
  it("acts as the token's owner with their role and MLflow password (opened with the token itself)", async () => {
    const identity = await resolveTeamIdentity(bearer(await tokenFor("ada")));
    expect(identity).toEqual({
      name: "ada",
      role: "editor",
      via: "token",
      credentials: { username: "ada", password: "ada's mlflow password" },
    });
  });

  it("refuses expired, revoked, forged, unknown and malformed tokens with the same 401", async () => {
    const live = await tokenFor("ada");
    const cases = [
      await tokenFor("ada", { expiresAt: Date.now() - 1 }),
      await tokenFor("ada", { revokedAt: Date.now() - 1 }),
      live.slice(0, -1) + (live.endsWith("A") ? "B" : "A"),
      newApiToken().token,
      "mlt_nothex_abc",
      "",
    ];
    for (const token of cases) {
      expect(await refusal(bearer(token)), token).toEqual({
        status: 401,
        code: "UNAUTHENTICATED",
        message: "Invalid, expired or revoked API token",
      });
    }
  });

  it("refuses a token whose owner MLTrack no longer knows", async () => {
    await store.insertUser({
      name: "gone",
      role: "viewer",
      source: "mlflow",
      githubId: null,
      githubLogin: null,
      sealedPassword: null,
      createdAt: 1,
    });
    const token = await tokenFor("gone");
    expect((await resolveTeamIdentity(bearer(token))).name).toBe("gone");
    await store.deleteUser("gone");
    // The role cache holds a lookup for a moment; deleting the user also deleted the token.
    expect((await refusal(bearer(token))).status).toBe(401);
  });

  it("refuses other authorization schemes and no credentials at all", async () => {
    expect(await refusal(new Headers({ authorization: "Digest x" }))).toMatchObject({ status: 401 });
    expect(await refusal(new Headers())).toMatchObject({ status: 401, message: "Sign in, or send an API token" });
  });
});

describe("team identity from the session cookie", () => {
  const cookie = async (claims: Record<string, unknown>, secret = SECRET) =>
    new Headers({ cookie: `other=1; next-auth.session-token=${await encode({ token: claims, secret })}` });

  it("reads next-auth's encrypted session: the user, their role, their MLflow password", async () => {
    const identity = await resolveTeamIdentity(
      await cookie({ name: "ada", source: "mlflow", mlflowPassword: "typed at sign-in" }),
    );
    expect(identity).toEqual({
      name: "ada",
      role: "editor",
      via: "session",
      credentials: { username: "ada", password: "typed at sign-in" },
    });
  });

  it("refuses a cookie made with another secret, without MLTrack's claims, or of an unknown user", async () => {
    const claims = { name: "ada", source: "mlflow", mlflowPassword: "x" };
    const other = "Qw9eR8tY7uI6oP5aS4dF3gH2jK1lZ0xC9vB";
    expect(await refusal(await cookie(claims, other))).toMatchObject({ status: 401 });
    expect(await refusal(await cookie({ name: "ada" }))).toMatchObject({ status: 401 });
    expect(await refusal(await cookie({ ...claims, name: "nobody" }))).toMatchObject({ status: 401 });
    expect(await refusal(new Headers({ cookie: "next-auth.session-token=garbage" }))).toMatchObject({ status: 401 });
  });
});
