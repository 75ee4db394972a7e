import { describe, expect, it } from "vitest";
import { guardRawRequest, isLoopbackHost } from "./raw-guard";

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

describe("the Host check (DNS rebinding)", () => {
  it.each([
    "127.0.0.1:3000",
    "localhost:3000",
    "LOCALHOST",
    "[::1]:3000",
    "127.1.2.3",
    "app.localhost:3000",
    "localhost.",
  ])("serves the loopback name %s", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
    expect(guardRawRequest("GET", "/experiments", host)).toBeUndefined();
  });

  it.each([
    "evil.example:3000",
    "127.0.0.1.evil.example",
    "localhost.evil.example",
    "[::2]:3000",
    "0.0.0.0:3000",
    "10.0.0.1",
  ])("refuses the host %s on pages and on the gateway", (host) => {
    const page = guardRawRequest("GET", "/experiments", host);
    expect(page?.status).toBe(403);
    expect(page?.body).toContain("loopback names only");
    const gateway = guardRawRequest("POST", "/api/2.0/mlflow/runs/create", host);
    expect(gateway?.status).toBe(403);
    expect(JSON.parse(gateway?.body ?? "{}")).toMatchObject({ error_code: "PERMISSION_DENIED" });
  });

  it("lets a request without a Host header through (HTTP/1.0: not a browser, so not rebinding)", () => {
    expect(guardRawRequest("GET", "/experiments", undefined)).toBeUndefined();
  });
});
