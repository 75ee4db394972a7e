import { describe, expect, it } from "vitest";
import type { PermissionGrant } from "mltrack-sdk/mlflow";
import { findDirectGrant, grantedExperimentIds, toUserGrants } from "./grant-rows";

const grant = (
  resourceType: string,
  resourcePattern: string,
  permission: PermissionGrant["permission"],
  roleName = "__user_7__",
): PermissionGrant => ({ roleId: 1, roleName, workspace: "default", resourceType, resourcePattern, permission });

describe("toUserGrants", () => {
  it("marks direct grants on one experiment or registered model revocable, and names experiments it could read", () => {
    const result = toUserGrants(
      "bob",
      {
        isAdmin: false,
        grants: [
          grant("registered_model", "churn", "EDIT"),
          grant("experiment", "12", "READ"),
          grant("experiment", "3", "MANAGE", "data-team"),
          grant("experiment", "*", "READ"),
          grant("prompt", "greeting", "READ"),
        ],
      },
      new Map([["12", "Churn runs"]]),
    );
    expect(result).toEqual({
      username: "bob",
      mlflowAdmin: false,
      grants: [
        {
          resourceType: "experiment",
          resourceId: "*",
          permission: "READ",
          via: null,
          experimentName: null,
          revocable: false,
        },
        {
          resourceType: "experiment",
          resourceId: "3",
          permission: "MANAGE",
          via: "data-team",
          experimentName: null,
          revocable: false,
        },
        {
          resourceType: "experiment",
          resourceId: "12",
          permission: "READ",
          via: null,
          experimentName: "Churn runs",
          revocable: true,
        },
        {
          resourceType: "prompt",
          resourceId: "greeting",
          permission: "READ",
          via: null,
          experimentName: null,
          revocable: false,
        },
        {
          resourceType: "registered_model",
          resourceId: "churn",
          permission: "EDIT",
          via: null,
          experimentName: null,
          revocable: true,
        },
      ],
    });
  });

  it("passes MLflow's admin flag through", () => {
    expect(toUserGrants("root", { isAdmin: true, grants: [] }, new Map())).toEqual({
      username: "root",
      mlflowAdmin: true,
      grants: [],
    });
  });

  it("treats only the synthetic __user_<id>__ role as the user's own", () => {
    const rows = toUserGrants(
      "bob",
      { isAdmin: false, grants: [grant("experiment", "1", "READ", "__user_x__")] },
      new Map(),
    ).grants;
    expect(rows[0]).toMatchObject({ via: "__user_x__", revocable: false });
  });
});

describe("findDirectGrant", () => {
  const grants = [
    grant("experiment", "5", "READ", "team"),
    grant("registered_model", "5", "EDIT"),
    grant("experiment", "6", "EDIT"),
  ];

  it("finds the user's own grant on exactly that resource", () => {
    expect(findDirectGrant(grants, { resourceType: "experiment", resourceId: "6" })?.permission).toBe("EDIT");
    expect(findDirectGrant(grants, { resourceType: "registered_model", resourceId: "5" })?.permission).toBe("EDIT");
  });

  it("ignores grants through shared roles and on other kinds of resource", () => {
    expect(findDirectGrant(grants, { resourceType: "experiment", resourceId: "5" })).toBeUndefined();
    expect(findDirectGrant(grants, { resourceType: "registered_model", resourceId: "6" })).toBeUndefined();
  });
});

describe("grantedExperimentIds", () => {
  it("lists each experiment once, never `*` or other resources", () => {
    const ids = grantedExperimentIds([
      grant("experiment", "4", "READ"),
      grant("experiment", "4", "EDIT", "team"),
      grant("experiment", "*", "READ"),
      grant("registered_model", "9", "READ"),
      grant("experiment", "9", "READ"),
    ]);
    expect(ids).toEqual(["4", "9"]);
  });
});
