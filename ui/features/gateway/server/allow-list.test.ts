import { describe, expect, it } from "vitest";
import { endpoints, type Endpoint } from "mltrack-sdk/mlflow";
import { NOT_FORWARDED, gatewayRoutes, matchRoute } from "./allow-list";

const allEndpoints = Object.entries(endpoints)
  .filter(([name]) => !NOT_FORWARDED.has(name as keyof typeof endpoints))
  .flatMap(([, group]) => Object.values(group) as Endpoint[]);

describe("gateway allow-list", () => {
  it("serves every endpoint of the SDK's spec, at /api and its /ajax-api twin", () => {
    for (const endpoint of allEndpoints) {
      const path = endpoint.path.replace(/\{(\w+)\+\}/g, "1/abc/artifacts/x.txt").replace(/\{(\w+)\}/g, "m-123");
      const match = matchRoute(endpoint.method, path);
      expect(match.type, `${endpoint.method} ${path}`).toBe("match");
      if (path.startsWith("/api/")) {
        expect(matchRoute(endpoint.method, path.replace(/^\/api\//, "/ajax-api/")).type).toBe("match");
      }
    }
    expect(gatewayRoutes().length).toBeGreaterThan(allEndpoints.length);
  });

  it("never serves MLflow's user and permission endpoints, though the SDK speaks them", () => {
    const excluded = [...NOT_FORWARDED].flatMap((name) => Object.values(endpoints[name]) as Endpoint[]);
    expect(excluded.length).toBeGreaterThanOrEqual(13);
    for (const endpoint of excluded) {
      for (const path of [endpoint.path, endpoint.path.replace(/^\/api\//, "/ajax-api/")]) {
        expect(matchRoute(endpoint.method, path).type, `${endpoint.method} ${path}`).toBe("not-found");
      }
    }
    for (const route of gatewayRoutes()) expect(route.template).not.toMatch(/\/mlflow\/(users|roles)\//);
  });

  it("serves what the official MLflow client calls to log a run and a model", () => {
    for (const [method, path] of [
      ["GET", "/api/2.0/mlflow/experiments/get-by-name"],
      ["POST", "/api/2.0/mlflow/runs/create"],
      ["POST", "/api/2.0/mlflow/runs/log-batch"],
      ["PUT", "/api/2.0/mlflow-artifacts/artifacts/1/models/m-1/artifacts/MLmodel"],
      ["POST", "/api/2.0/mlflow/logged-models"],
      ["PATCH", "/api/2.0/mlflow/logged-models/m-1"],
      ["GET", "/api/3.0/mlflow/server-info"],
      ["POST", "/api/2.0/mlflow/model-versions/create"],
      ["GET", "/get-artifact"],
    ]) {
      expect(matchRoute(method as string, path as string).type, `${method} ${path}`).toBe("match");
    }
  });

  it("captures path parameters", () => {
    const match = matchRoute("DELETE", "/api/2.0/mlflow/logged-models/m-1/tags/some%20key");
    expect(match).toMatchObject({ type: "match", params: { model_id: "m-1", tag_key: "some%20key" } });
  });

  it("tells a wrong method from an unknown endpoint", () => {
    expect(matchRoute("GET", "/api/2.0/mlflow/runs/create")).toEqual({ type: "wrong-method", allowed: ["POST"] });
    expect(matchRoute("PUT", "/api/2.0/mlflow/registered-models/alias")).toMatchObject({
      type: "wrong-method",
      allowed: expect.arrayContaining(["POST", "DELETE", "GET"]),
    });
    for (const path of [
      "/api/2.0/mlflow/traces",
      "/api/2.0/mlflow/runs/create/extra",
      "/api/2.0/mlflow/users/create",
      "/api/2.0/mlflow/webhooks",
      "/api/2.0/mlflow-artifacts",
      "/graphql",
      "/api/2.0/preview/mlflow/runs/search",
    ]) {
      expect(matchRoute("POST", path).type, path).toBe("not-found");
    }
  });
});
