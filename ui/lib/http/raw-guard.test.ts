import { describe, expect, it } from "vitest";
import { guardRawRequest } from "./raw-guard";

describe("guardRawRequest", () => {
  it.each([
    ["GET", "/api/2.0/mlflow/runs/get?run_id=abc"],
    ["PUT", "/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/model/MLmodel"],
    ["GET", "/get-artifact?run_uuid=x&path=../not-checked-here"],
    ["GET", "/experiments/../whatever"],
    ["OPTIONS", "/api/2.0/mlflow/runs/search"],
  ])("lets %s %s through to Next", (method, url) => {
    expect(guardRawRequest(method, url)).toBeUndefined();
  });

  it.each([
    ["/api/2.0/mlflow-artifacts/artifacts/1/../../../../etc/passwd", "'..' segment"],
    ["/api/2.0/mlflow-artifacts/artifacts/1/%2e%2e/%2e%2e/x", "'..' segment"],
    ["/api/2.0/mlflow-artifacts/artifacts/1/%252e%252e/x", "'..' segment"],
    ["/api/2.0/mlflow-artifacts/artifacts/1/..\\..\\x", "backslash"],
    ["/ajax-api/2.0/mlflow/../../etc", "'..' segment"],
    ["/get-artifact/..%2f..%2fx", "'..' segment"],
  ])("refuses the raw path %s with an MLflow-style 400", (url, reason) => {
    const refusal = guardRawRequest("GET", url);
    expect(refusal?.status).toBe(400);
    expect(refusal?.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(refusal?.body ?? "{}");
    expect(body.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect(body.message).toContain(reason);
  });

  it("answers methods Next cannot parse with 405 instead of Next's 500", () => {
    const gateway = guardRawRequest("TRACE", "/api/2.0/mlflow/runs/get");
    expect(gateway?.status).toBe(405);
    expect(JSON.parse(gateway?.body ?? "{}")).toMatchObject({ error_code: "BAD_REQUEST" });
    expect(gateway?.headers.allow).toContain("GET");
    const page = guardRawRequest("CONNECT", "/experiments");
    expect(page?.status).toBe(405);
    expect(page?.headers["content-type"]).toMatch(/^text\/plain/);
  });
});
