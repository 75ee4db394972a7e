import { describe, expect, it } from "vitest";
import type { UserRecord } from "@/features/auth/server/store/types";
import { joinUsers, selfChangeRefusal } from "./user-rows";

const record = (name: string, overrides: Partial<UserRecord> = {}): UserRecord => ({
  name,
  role: "editor",
  source: "mlflow",
  githubId: null,
  githubLogin: null,
  sealedPassword: "sealed-secret",
  createdAt: 1_700_000_000_000,
  ...overrides,
});

describe("joinUsers", () => {
  it("gives every MLflow user their store record, and none to users who never signed in", () => {
    const rows = joinUsers(
      [
        { username: "carol", isAdmin: false },
        { username: "alice", isAdmin: true },
        { username: "bob", isAdmin: false },
      ],
      [
        record("alice", { role: "admin" }),
        record("carol", { role: "viewer", source: "github", githubId: "42", githubLogin: "carol-gh" }),
      ],
    );
    expect(rows).toEqual([
      {
        name: "alice",
        mlflowAdmin: true,
        role: "admin",
        source: "mlflow",
        githubLogin: null,
        createdAt: 1_700_000_000_000,
      },
      { name: "bob", mlflowAdmin: false, role: null, source: null, githubLogin: null, createdAt: null },
      {
        name: "carol",
        mlflowAdmin: false,
        role: "viewer",
        source: "github",
        githubLogin: "carol-gh",
        createdAt: 1_700_000_000_000,
      },
    ]);
  });

  it("leaves out records of users MLflow no longer has, and never the sealed password", () => {
    const rows = joinUsers([{ username: "bob", isAdmin: false }], [record("gone"), record("bob")]);
    expect(rows.map((row) => row.name)).toEqual(["bob"]);
    expect(JSON.stringify(rows)).not.toContain("sealed-secret");
  });

  it("sorts by name in code point order (upper case first), whatever order MLflow answers in", () => {
    const names = ["b", "a", "B", "a.b", "A"].map((username) => ({ username, isAdmin: false }));
    expect(joinUsers(names, []).map((row) => row.name)).toEqual(["A", "B", "a", "a.b", "b"]);
  });
});

describe("selfChangeRefusal", () => {
  it("refuses an admin's removing their own admin role or deleting themself", () => {
    expect(selfChangeRefusal("alice", "alice", { role: "deployer" })).toMatch(/cannot remove your own admin role/);
    expect(selfChangeRefusal("alice", "alice", { role: "viewer" })).not.toBeNull();
    expect(selfChangeRefusal("alice", "alice", "delete")).toMatch(/cannot delete your own account/);
  });

  it("lets an admin keep their role, change only their password, or change anyone else", () => {
    expect(selfChangeRefusal("alice", "alice", { role: "admin" })).toBeNull();
    expect(selfChangeRefusal("alice", "alice", {})).toBeNull();
    expect(selfChangeRefusal("alice", "bob", { role: "viewer" })).toBeNull();
    expect(selfChangeRefusal("alice", "bob", "delete")).toBeNull();
  });

  it("compares names exactly", () => {
    expect(selfChangeRefusal("alice", "Alice", "delete")).toBeNull();
    expect(selfChangeRefusal("alice", "alice ", "delete")).toBeNull();
  });
});
