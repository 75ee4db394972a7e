/**
 * What every auth store backend must do, as one vitest suite: the SQLite unit test and the PostgreSQL
 * integration test run exactly these assertions. `newStoreUrl` names a fresh, empty store each call
 * (a new SQLite file, a new PostgreSQL database); the suite opens it through `openAuthStore`.
 */
import { afterEach, describe, expect, it } from "vitest";
import { openAuthStore } from "./index";
import { ROLES, type AuthStore, type Role, type StoredApiToken, type UserRecord } from "./types";

/** Past 2^32 ms, so a 32-bit column would show. */
const T0 = Date.UTC(2026, 11, 1, 9, 30, 0, 123);

function user(name: string, extra: Partial<UserRecord> = {}): UserRecord {
  return {
    name,
    role: "viewer",
    source: "mlflow",
    githubId: null,
    githubLogin: null,
    sealedPassword: null,
    createdAt: T0,
    ...extra,
  };
}

function token(id: string, userName: string, extra: Partial<StoredApiToken> = {}): StoredApiToken {
  return {
    id,
    hash: id.repeat(6).slice(0, 64).padEnd(64, "0"),
    userName,
    label: `label of ${id}`,
    sealedPassword: `v1.sealed-for-${id}`,
    createdAt: T0,
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    ...extra,
  };
}

export function describeAuthStoreContract(name: string, newStoreUrl: () => Promise<string>): void {
  describe(`auth store contract: ${name}`, () => {
    const opened: AuthStore[] = [];
    const open = async (url: string) => {
      const store = await openAuthStore(url);
      opened.push(store);
      return store;
    };
    const fresh = async () => open(await newStoreUrl());

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describe("users", () => {
      it("round-trip every field, timestamps as numbers", async () => {
        const store = await fresh();
        const alice = user("alice");
        const gh = user("octo-cat", {
          role: "deployer",
          source: "github",
          githubId: "583231",
          githubLogin: "Octo-Cat",
          sealedPassword: "v1.iv.body",
          createdAt: T0 + 1,
        });
        expect(await store.insertUser(alice)).toEqual(alice);
        expect(await store.insertUser(gh)).toEqual(gh);
        expect(await store.getUser("alice")).toEqual(alice);
        const read = await store.getUser("octo-cat");
        expect(read).toEqual(gh);
        expect(typeof read?.createdAt).toBe("number");
        expect(await store.getUser("nobody")).toBeNull();
        // Names are exact: MLflow's usernames are case-sensitive.
        expect(await store.getUser("Alice")).toBeNull();
      });

      it("insertUser keeps an existing user and returns it", async () => {
        const store = await fresh();
        const first = user("alice", { role: "editor", createdAt: T0 });
        await store.insertUser(first);
        const again = await store.insertUser(user("alice", { role: "admin", source: "github", createdAt: T0 + 5 }));
        expect(again).toEqual(first);
        expect(await store.getUser("alice")).toEqual(first);
        expect(await store.listUsers()).toHaveLength(1);
      });

      it("find a GitHub user by GitHub's id, which only one user may have", async () => {
        const store = await fresh();
        const gh = user("octocat", { source: "github", githubId: "583231", githubLogin: "octocat" });
        await store.insertUser(gh);
        // Users without a GitHub id do not collide with each other.
        await store.insertUser(user("alice"));
        await store.insertUser(user("bob"));
        expect(await store.getUserByGithubId("583231")).toEqual(gh);
        expect(await store.getUserByGithubId("1")).toBeNull();
        await expect(
          store.insertUser(user("renamed", { source: "github", githubId: "583231", githubLogin: "renamed" })),
        ).rejects.toThrow();
        expect(await store.getUser("renamed")).toBeNull();
      });

      it("take every role, and no other", async () => {
        const store = await fresh();
        await store.insertUser(user("alice"));
        for (const role of ROLES) {
          expect(await store.setRole("alice", role)).toBe(true);
          expect((await store.getUser("alice"))?.role).toBe(role);
        }
        await expect(store.setRole("alice", "owner" as Role)).rejects.toThrow();
        expect((await store.getUser("alice"))?.role).toBe(ROLES.at(-1));
        await expect(store.insertUser(user("bob", { role: "root" as Role }))).rejects.toThrow();
        await expect(store.insertUser(user("carol", { source: "ldap" as UserRecord["source"] }))).rejects.toThrow();
        expect(await store.setRole("nobody", "admin")).toBe(false);
        expect(await store.getUser("nobody")).toBeNull();
      });

      it("list by name, in byte order", async () => {
        const store = await fresh();
        expect(await store.listUsers()).toEqual([]);
        for (const name of ["carol", "Bob", "alice", "alice.b"]) await store.insertUser(user(name));
        expect((await store.listUsers()).map((u) => u.name)).toEqual(["Bob", "alice", "alice.b", "carol"]);
      });

      it("deleteUser removes the user and every token of theirs, and nobody else's", async () => {
        const store = await fresh();
        await store.insertUser(user("alice"));
        await store.insertUser(user("bob"));
        await store.insertApiToken(token("aaaaaaaaaaa1", "alice"));
        await store.insertApiToken(token("aaaaaaaaaaa2", "alice", { revokedAt: T0 + 1 }));
        await store.insertApiToken(token("bbbbbbbbbbb1", "bob"));
        await store.deleteUser("alice");
        expect(await store.getUser("alice")).toBeNull();
        expect(await store.getApiToken("aaaaaaaaaaa1")).toBeNull();
        expect(await store.getApiToken("aaaaaaaaaaa2")).toBeNull();
        expect(await store.listApiTokens("alice")).toEqual([]);
        expect(await store.getApiToken("bbbbbbbbbbb1")).toEqual(token("bbbbbbbbbbb1", "bob"));
        expect((await store.listUsers()).map((u) => u.name)).toEqual(["bob"]);
        // A user of the same name later starts with no tokens.
        await store.insertUser(user("alice"));
        expect(await store.listApiTokens("alice")).toEqual([]);
        await expect(store.deleteUser("nobody")).resolves.toBeUndefined();
      });
    });

    describe("API tokens", () => {
      it("round-trip every field, and belong to an existing user", async () => {
        const store = await fresh();
        await store.insertUser(user("alice"));
        const full = token("0123456789ab", "alice", {
          createdAt: T0,
          expiresAt: T0 + 90 * 86_400_000,
          revokedAt: T0 + 2,
          lastUsedAt: T0 + 1,
        });
        await store.insertApiToken(full);
        await store.insertApiToken(token("0123456789ac", "alice"));
        expect(await store.getApiToken("0123456789ab")).toEqual(full);
        expect(await store.getApiToken("0123456789ac")).toEqual(token("0123456789ac", "alice"));
        expect(await store.getApiToken("ffffffffffff")).toBeNull();
        await expect(store.insertApiToken(token("0123456789ad", "nobody"))).rejects.toThrow();
        await expect(store.insertApiToken(token("0123456789ab", "alice"))).rejects.toThrow();
        expect(await store.getApiToken("0123456789ad")).toBeNull();
        expect(await store.getApiToken("0123456789ab")).toEqual(full);
      });

      it("list a user's own tokens newest first, revoked ones included", async () => {
        const store = await fresh();
        await store.insertUser(user("alice"));
        await store.insertUser(user("bob"));
        await store.insertApiToken(token("00000000000b", "alice", { createdAt: T0 + 10 }));
        await store.insertApiToken(token("00000000000a", "alice", { createdAt: T0 + 30, revokedAt: T0 + 40 }));
        await store.insertApiToken(token("00000000000c", "alice", { createdAt: T0 + 20 }));
        await store.insertApiToken(token("00000000000d", "bob", { createdAt: T0 + 50 }));
        expect((await store.listApiTokens("alice")).map((t) => t.id)).toEqual([
          "00000000000a",
          "00000000000c",
          "00000000000b",
        ]);
        expect((await store.listApiTokens("bob")).map((t) => t.id)).toEqual(["00000000000d"]);
        expect(await store.listApiTokens("nobody")).toEqual([]);
      });

      it("are revoked only by their owner, and only once", async () => {
        const store = await fresh();
        await store.insertUser(user("alice"));
        await store.insertUser(user("mallory"));
        await store.insertApiToken(token("0123456789ab", "alice"));
        expect(await store.revokeApiToken("0123456789ab", "mallory", T0 + 1)).toBe(false);
        expect((await store.getApiToken("0123456789ab"))?.revokedAt).toBeNull();
        expect(await store.revokeApiToken("0123456789ab", "alice", T0 + 2)).toBe(true);
        expect((await store.getApiToken("0123456789ab"))?.revokedAt).toBe(T0 + 2);
        // A second revoke keeps the first time.
        expect(await store.revokeApiToken("0123456789ab", "alice", T0 + 3)).toBe(false);
        expect((await store.getApiToken("0123456789ab"))?.revokedAt).toBe(T0 + 2);
        expect(await store.revokeApiToken("ffffffffffff", "alice", T0 + 4)).toBe(false);
      });

      it("record their last use, never moving it back", async () => {
        const store = await fresh();
        await store.insertUser(user("alice"));
        await store.insertApiToken(token("0123456789ab", "alice"));
        await store.insertApiToken(token("0123456789ac", "alice"));
        await store.touchApiToken("0123456789ab", T0 + 100);
        expect((await store.getApiToken("0123456789ab"))?.lastUsedAt).toBe(T0 + 100);
        await store.touchApiToken("0123456789ab", T0 + 50);
        expect((await store.getApiToken("0123456789ab"))?.lastUsedAt).toBe(T0 + 100);
        await store.touchApiToken("0123456789ab", T0 + 200);
        expect((await store.getApiToken("0123456789ab"))?.lastUsedAt).toBe(T0 + 200);
        expect((await store.getApiToken("0123456789ac"))?.lastUsedAt).toBeNull();
        await expect(store.touchApiToken("ffffffffffff", T0)).resolves.toBeUndefined();
      });
    });

    describe("login failures", () => {
      it("are counted per key from a time on, oldest first", async () => {
        const store = await fresh();
        for (const at of [T0 + 30, T0 + 10, T0 + 20]) await store.recordLoginFailure("user:alice|ip:10.0.0.1", at);
        await store.recordLoginFailure("ip:10.0.0.1", T0 + 10);
        expect(await store.countLoginFailures("user:alice|ip:10.0.0.1", T0)).toBe(3);
        // `since` itself is inside.
        expect(await store.countLoginFailures("user:alice|ip:10.0.0.1", T0 + 20)).toBe(2);
        expect(await store.countLoginFailures("user:alice|ip:10.0.0.1", T0 + 31)).toBe(0);
        expect(await store.countLoginFailures("ip:10.0.0.1", T0)).toBe(1);
        expect(await store.countLoginFailures("user:bob|ip:10.0.0.1", T0)).toBe(0);
        expect(await store.loginFailureTime("user:alice|ip:10.0.0.1", T0, 0)).toBe(T0 + 10);
        expect(await store.loginFailureTime("user:alice|ip:10.0.0.1", T0, 2)).toBe(T0 + 30);
        expect(await store.loginFailureTime("user:alice|ip:10.0.0.1", T0 + 11, 0)).toBe(T0 + 20);
        expect(await store.loginFailureTime("user:alice|ip:10.0.0.1", T0, 3)).toBeNull();
        expect(await store.loginFailureTime("user:bob|ip:10.0.0.1", T0, 0)).toBeNull();
      });

      it("are cleared per key, and pruned by age", async () => {
        const store = await fresh();
        await store.recordLoginFailure("user:alice|ip:10.0.0.1", T0);
        await store.recordLoginFailure("user:alice|ip:10.0.0.1", T0 + 1);
        await store.recordLoginFailure("ip:10.0.0.1", T0);
        await store.recordLoginFailure("ip:10.0.0.1", T0 + 2);
        await store.clearLoginFailures("user:alice|ip:10.0.0.1");
        expect(await store.countLoginFailures("user:alice|ip:10.0.0.1", 0)).toBe(0);
        expect(await store.countLoginFailures("ip:10.0.0.1", 0)).toBe(2);
        await store.pruneLoginFailures(T0 + 2);
        expect(await store.countLoginFailures("ip:10.0.0.1", 0)).toBe(1);
        expect(await store.loginFailureTime("ip:10.0.0.1", 0, 0)).toBe(T0 + 2);
      });
    });

    describe("opening", () => {
      it("keeps the data across a reopen, migrating nothing twice", async () => {
        const url = await newStoreUrl();
        const first = await open(url);
        expect(first.kind).toBe(url.startsWith("sqlite:") ? "sqlite" : "postgres");
        await first.insertUser(user("alice", { role: "admin" }));
        await first.insertApiToken(token("0123456789ab", "alice"));
        await first.recordLoginFailure("ip:10.0.0.1", T0);
        await first.close();
        for (let i = 0; i < 2; i++) {
          const again = await open(url);
          expect(await again.getUser("alice")).toEqual(user("alice", { role: "admin" }));
          expect(await again.listApiTokens("alice")).toEqual([token("0123456789ab", "alice")]);
          expect(await again.countLoginFailures("ip:10.0.0.1", 0)).toBe(1);
          await again.close();
        }
      });

      it("lets two stores open a new location at once and share it", async () => {
        const url = await newStoreUrl();
        const [a, b] = await Promise.all([open(url), open(url)]);
        await a.insertUser(user("alice"));
        expect(await b.getUser("alice")).toEqual(user("alice"));
        await b.insertApiToken(token("0123456789ab", "alice"));
        expect(await a.revokeApiToken("0123456789ab", "alice", T0 + 1)).toBe(true);
        expect((await b.getApiToken("0123456789ab"))?.revokedAt).toBe(T0 + 1);
      });
    });
  });
}
