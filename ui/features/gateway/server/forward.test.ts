import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { MlflowClient } from "mltrack-sdk/mlflow";
import { json, scriptedFetch, type Scripted } from "../../../../mltrack-sdk/src/testing/scripted-fetch";
import { AppError } from "@/lib/http/errors";
import { forwardToMlflow } from "./forward";

function forward(req: NextRequest, ...upstream: Scripted[]) {
  const { fetch, calls } = scriptedFetch(...upstream);
  const mlflow = new MlflowClient({
    trackingUri: "http://mlflow.internal:5001",
    auth: { type: "basic", username: "svc", password: "pw" },
    fetch,
  });
  const session = { mode: "local" as const, user: { name: "local" }, role: "admin" as const };
  const response = forwardToMlflow({ req, mlflow, session, params: undefined, query: undefined, body: undefined });
  return { response, calls };
}

const request = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) =>
  new NextRequest(new URL(path, "http://127.0.0.1:3000"), init);

describe("forwardToMlflow", () => {
  it("sends only the method, path, query, body and content headers upstream, with the server's own credentials", async () => {
    const body = '{"experiment_ids":["1"],"filter":"params.lr = \'0.1\'"}';
    const { response, calls } = forward(
      request("/api/2.0/mlflow/runs/search?x=1&x=2", {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          cookie: "next-auth.session-token=secret",
          origin: "https://evil.example",
          referer: "https://evil.example/page",
          authorization: "Bearer stolen",
          "x-forwarded-for": "1.2.3.4",
        },
      }),
      json({ runs: [] }),
    );
    expect((await response).status).toBe(200);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe("http://mlflow.internal:5001/api/2.0/mlflow/runs/search?x=1&x=2");
    expect(call?.method).toBe("POST");
    expect(Object.keys(call?.headers ?? {}).sort()).toEqual(["accept", "authorization", "content-type"]);
    expect(call?.headers.authorization).toBe(`Basic ${btoa("svc:pw")}`);
  });

  it("forwards the exact JSON bytes, and refuses malformed or non-object JSON without calling MLflow", async () => {
    const sent = '{ "name" : "x",  "tags": [] }';
    const ok = forward(
      request("/api/2.0/mlflow/experiments/create", { method: "POST", body: sent }),
      json({ experiment_id: "1" }),
    );
    expect((await ok.response).status).toBe(200);
    expect(ok.calls[0]?.body).toBe(sent);

    for (const bad of ["{bad", "[1,2]", "null", "42", '"[]"']) {
      const attempt = forward(request("/api/2.0/mlflow/experiments/create", { method: "POST", body: bad }), json({}));
      await expect(attempt.response, bad).rejects.toBeInstanceOf(AppError);
      expect(attempt.calls).toHaveLength(0);
    }
    const legacy = forward(
      request("/api/2.0/mlflow/experiments/create", { method: "POST", body: JSON.stringify(sent) }),
      json({ experiment_id: "1" }),
    );
    expect((await legacy.response).status).toBe(200);
  });

  it("re-wraps a non-JSON error from a proxy or auth layer as MLflow JSON with the same status", async () => {
    const { response } = forward(
      request("/api/2.0/mlflow/runs/get?run_id=r"),
      new Response("<html><title>502 Bad Gateway</title></html>", {
        status: 502,
        headers: { "content-type": "text/html" },
      }),
    );
    const res = await response;
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({ error_code: "INTERNAL_ERROR", message: "502 Bad Gateway" });

    const auth = await forward(
      request("/api/2.0/mlflow/runs/get?run_id=r"),
      new Response("Permission denied", {
        status: 403,
        headers: { "content-type": "text/plain", "www-authenticate": 'Basic realm="mlflow"' },
      }),
    ).response;
    expect(auth.status).toBe(403);
    expect(auth.headers.get("www-authenticate")).toBeNull();
    expect(await auth.json()).toEqual({ error_code: "PERMISSION_DENIED", message: "Permission denied" });
  });

  it("passes MLflow's JSON errors and artifact headers through unchanged", async () => {
    const error = '{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run r not found", "sqlstate": "KAM00"}';
    const res = await forward(
      request("/api/2.0/mlflow/runs/get?run_id=r"),
      new Response(error, { status: 404, headers: { "content-type": "application/json" } }),
    ).response;
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(error);

    const file = await forward(
      request("/get-artifact?run_uuid=r&path=model/MLmodel"),
      new Response("flavors: {}", {
        headers: {
          "content-type": "text/plain",
          "x-content-type-options": "nosniff",
          "set-cookie": "a=b",
          server: "uvicorn",
        },
      }),
    ).response;
    expect(await file.text()).toBe("flavors: {}");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("set-cookie")).toBeNull();
    expect(file.headers.get("server")).toBeNull();
  });

  it("answers MLflow's user and permission endpoints 404 ENDPOINT_NOT_FOUND without calling MLflow", async () => {
    const body = { method: "POST", body: '{"username":"eve","password":"eve-password-123"}' };
    for (const req of [
      request("/api/2.0/mlflow/users/create", body),
      request("/ajax-api/2.0/mlflow/users/create", body),
      request("/api/2.0/mlflow/users/list"),
      request("/api/2.0/mlflow/users/current"),
      request("/api/2.0/mlflow/users/update-admin", { method: "PATCH", body: '{"username":"eve","is_admin":true}' }),
      request("/api/2.0/mlflow/users/delete?username=admin", { method: "DELETE" }),
      request("/api/3.0/mlflow/users/permissions/grant", {
        method: "POST",
        body: '{"username":"eve","resource_type":"experiment","resource_id":"1","permission":"MANAGE"}',
      }),
      request("/api/3.0/mlflow/users/permissions/get?username=eve&resource_type=experiment&resource_id=1"),
      request("/api/3.0/mlflow/roles/create", { method: "POST", body: '{"workspace":"default","name":"r"}' }),
    ]) {
      const attempt = forward(req, json({ user: { id: 9, username: "eve", is_admin: true } }));
      const error = await attempt.response.catch((e: unknown) => e);
      expect(error, `${req.method} ${req.url}`).toBeInstanceOf(AppError);
      expect(error, req.url).toMatchObject({ status: 404, code: "ENDPOINT_NOT_FOUND" });
      expect(attempt.calls, req.url).toHaveLength(0);
    }
  });

  it("refuses unknown endpoints, wrong methods and artifact traversal before calling MLflow", async () => {
    const cases: [NextRequest, number, string][] = [
      [request("/api/2.0/mlflow/traces"), 404, "ENDPOINT_NOT_FOUND"],
      [request("/api/2.0/mlflow/runs/create"), 405, "BAD_REQUEST"],
      [request("/get-artifact?run_uuid=r&path=..%2F..%2Fetc%2Fpasswd"), 400, "INVALID_PARAMETER_VALUE"],
      [request("/api/2.0/mlflow/artifacts/list?run_id=r&path=a%5Cb"), 400, "INVALID_PARAMETER_VALUE"],
      [request("/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/%252e%252e/x"), 400, "INVALID_PARAMETER_VALUE"],
      [
        request("/api/2.0/mlflow/artifacts/presigned-download-url", {
          method: "POST",
          body: '{"run_id":"r","path":"/etc/passwd"}',
        }),
        400,
        "INVALID_PARAMETER_VALUE",
      ],
    ];
    for (const [req, status, code] of cases) {
      const attempt = forward(req, json({}));
      const error = await attempt.response.catch((e: unknown) => e);
      expect(error, req.url).toBeInstanceOf(AppError);
      expect(error, req.url).toMatchObject({ status, code });
      expect(attempt.calls, req.url).toHaveLength(0);
    }
    const wrong = (await forward(request("/api/2.0/mlflow/runs/create"), json({})).response.catch(
      (e: unknown) => e,
    )) as AppError;
    expect(wrong.headers.allow).toBe("POST");
  });
});
