import { describe, expect, it } from "vitest";
import { CreateUserBody, GrantBody, GrantResource, UpdateUserBody, UsernameParams } from "./schemas";

describe("admin API schemas", () => {
  it("bounds usernames in paths", () => {
    expect(UsernameParams.safeParse({ username: "a@b.example" }).success).toBe(true);
    expect(UsernameParams.safeParse({ username: "" }).success).toBe(false);
    expect(UsernameParams.safeParse({ username: "x".repeat(256) }).success).toBe(true);
    expect(UsernameParams.safeParse({ username: "x".repeat(257) }).success).toBe(false);
  });

  it("requires MLflow's 12-character passwords and a known role for new users", () => {
    const user = { username: "bob", password: "long-enough-pw", role: "editor" };
    expect(CreateUserBody.safeParse(user).success).toBe(true);
    expect(CreateUserBody.safeParse({ ...user, password: "short" }).success).toBe(false);
    expect(CreateUserBody.safeParse({ ...user, role: "owner" }).success).toBe(false);
    expect(CreateUserBody.safeParse({ ...user, isAdmin: true }).success).toBe(false);
  });

  it("takes a role, a password or both, and nothing else", () => {
    expect(UpdateUserBody.safeParse({ role: "viewer" }).success).toBe(true);
    expect(UpdateUserBody.safeParse({ password: "long-enough-pw" }).success).toBe(true);
    expect(UpdateUserBody.safeParse({ role: "admin", password: "long-enough-pw" }).success).toBe(true);
    expect(UpdateUserBody.safeParse({}).success).toBe(false);
    expect(UpdateUserBody.safeParse({ role: "viewer", source: "github" }).success).toBe(false);
  });

  it("checks a grant's resource ID by its type", () => {
    expect(GrantBody.safeParse({ resourceType: "experiment", resourceId: "12", permission: "READ" }).success).toBe(
      true,
    );
    expect(GrantBody.safeParse({ resourceType: "experiment", resourceId: "../1", permission: "READ" }).success).toBe(
      false,
    );
    expect(
      GrantBody.safeParse({ resourceType: "registered_model", resourceId: "churn model", permission: "DENY" }).success,
    ).toBe(true);
    expect(
      GrantBody.safeParse({ resourceType: "registered_model", resourceId: "a/b", permission: "EDIT" }).success,
    ).toBe(false);
    expect(GrantBody.safeParse({ resourceType: "prompt", resourceId: "p", permission: "READ" }).success).toBe(false);
    expect(
      GrantBody.safeParse({ resourceType: "experiment", resourceId: "1", permission: "NO_PERMISSIONS" }).success,
    ).toBe(false);
    expect(GrantResource.safeParse({ resourceType: "experiment", resourceId: "*" }).success).toBe(false);
  });
});
