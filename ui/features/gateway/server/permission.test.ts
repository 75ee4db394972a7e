import { describe, expect, it } from "vitest";
import { gatewayPermission } from ".";

describe("gatewayPermission", () => {
  it.each([
    ["GET", "/api/2.0/mlflow/experiments/get", "READ"],
    ["HEAD", "/get-artifact", "READ"],
    ["POST", "/api/2.0/mlflow/runs/search", "READ"],
    ["POST", "/ajax-api/2.0/mlflow/runs/search", "READ"],
    ["POST", "/api/2.0/mlflow/experiments/search", "READ"],
    ["POST", "/api/2.0/mlflow/logged-models/search", "READ"],
    ["POST", "/api/2.0/mlflow/registered-models/get-latest-versions", "READ"],
    ["POST", "/api/2.0/mlflow/runs/create", "EDIT"],
    ["POST", "/api/2.0/mlflow/runs/log-batch", "EDIT"],
    ["DELETE", "/api/2.0/mlflow/registered-models/delete", "EDIT"],
    ["PUT", "/api/2.0/mlflow-artifacts/artifacts/1/x/artifacts/a.txt", "EDIT"],
    // Unknown endpoints are answered 404 by the gateway, after the editor check.
    ["POST", "/api/2.0/mlflow/no-such-endpoint", "EDIT"],
  ])("%s %s needs %s", (method, path, permission) => {
    expect(gatewayPermission(method, path)).toBe(permission);
  });
});
