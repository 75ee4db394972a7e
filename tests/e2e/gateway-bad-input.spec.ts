/**
 * Bad input against the gateway, table-driven: every case answers 4xx with an MLflow-style JSON body,
 * none 5xx, and none reaches MLflow (its access log is checked for each case's marker at the end).
 */
import { Agent, request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";
import { expect, mlflowLog, test } from "./fixtures";

interface Case {
  name: string;
  method: string;
  /** Sent as-is on the request line, without URL normalization. */
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Send the headers only and wait for the answer, as a client holding a huge body would. */
  headersOnly?: boolean;
  status: number;
  code: string;
}

const json = { "content-type": "application/json" };
const marker = (n: number) => `bad-input-${n}`;
const MiB = 1024 * 1024;

const cases: Case[] = [
  // Malformed JSON: MLflow itself would read these as {} and answer 200.
  {
    name: "malformed JSON",
    method: "POST",
    path: `/api/2.0/mlflow/runs/search?m=${marker(1)}`,
    body: "{bad",
    headers: json,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "truncated JSON",
    method: "POST",
    path: `/api/2.0/mlflow/runs/log-batch?m=${marker(2)}`,
    body: '{"run_id": "a", "metrics": [',
    headers: json,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "a JSON array",
    method: "POST",
    path: `/api/2.0/mlflow/experiments/create?m=${marker(3)}`,
    body: "[1,2]",
    headers: json,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "JSON null",
    method: "POST",
    path: `/api/2.0/mlflow/runs/create?m=${marker(4)}`,
    body: "null",
    headers: json,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "a bare JSON string",
    method: "POST",
    path: `/api/2.0/mlflow/runs/update?m=${marker(5)}`,
    body: '"run"',
    headers: json,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "bytes that are not UTF-8",
    method: "POST",
    path: `/api/2.0/mlflow/runs/set-tag?m=${marker(6)}`,
    body: Buffer.from([0xff, 0xfe, 0x7b]),
    headers: json,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  // Unknown endpoints.
  {
    name: "MLflow's traces (not served)",
    method: "GET",
    path: `/api/2.0/mlflow/traces?m=${marker(10)}`,
    status: 404,
    code: "ENDPOINT_NOT_FOUND",
  },
  {
    name: "MLflow's user admin",
    method: "POST",
    path: `/api/2.0/mlflow/users/create?m=${marker(11)}`,
    body: "{}",
    headers: json,
    status: 404,
    code: "ENDPOINT_NOT_FOUND",
  },
  {
    name: "a made-up endpoint",
    method: "GET",
    path: `/api/2.0/mlflow/runs/drop-all?m=${marker(12)}`,
    status: 404,
    code: "ENDPOINT_NOT_FOUND",
  },
  {
    name: "an endpoint with a trailing segment",
    method: "GET",
    path: `/api/2.0/mlflow/runs/get/extra?m=${marker(13)}`,
    status: 404,
    code: "ENDPOINT_NOT_FOUND",
  },
  {
    name: "a UI-only MLflow route",
    method: "POST",
    path: `/ajax-api/3.0/mlflow/demo/generate?m=${marker(14)}`,
    body: "{}",
    headers: json,
    status: 404,
    code: "ENDPOINT_NOT_FOUND",
  },
  {
    name: "an unknown API version",
    method: "GET",
    path: `/api/2.0/preview/mlflow/runs/search?m=${marker(15)}`,
    status: 404,
    code: "ENDPOINT_NOT_FOUND",
  },
  {
    name: "the webhooks API",
    method: "GET",
    path: `/ajax-api/2.0/mlflow/webhooks?m=${marker(16)}`,
    status: 404,
    code: "ENDPOINT_NOT_FOUND",
  },
  // Oversized bodies (limit: 16 MiB of JSON).
  {
    name: "a 17 MiB JSON body",
    method: "POST",
    path: `/api/2.0/mlflow/runs/log-batch?m=${marker(20)}`,
    body: JSON.stringify({ run_id: "a", tags: [{ key: "k", value: "x".repeat(17 * MiB) }] }),
    headers: json,
    status: 413,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "a 17 MiB JSON body without Content-Length",
    method: "POST",
    path: `/api/2.0/mlflow/runs/log-batch?m=${marker(21)}`,
    body: JSON.stringify({ run_id: "a", tags: [{ key: "k", value: "y".repeat(17 * MiB) }] }),
    headers: { ...json, "transfer-encoding": "chunked" },
    status: 413,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "a declared 2 GiB body",
    method: "POST",
    path: `/api/2.0/mlflow/runs/log-batch?m=${marker(22)}`,
    headers: { ...json, "content-length": String(2 * 1024 * MiB) },
    headersOnly: true,
    status: 413,
    code: "INVALID_PARAMETER_VALUE",
  },
  // Traversal, in the path and in parameters: plain, encoded, double-encoded, backslash.
  {
    name: "plain .. in the path",
    method: "GET",
    path: `/api/2.0/mlflow-artifacts/artifacts/1/${marker(30)}/../../../../etc/passwd`,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "encoded .. in the path",
    method: "GET",
    path: `/api/2.0/mlflow-artifacts/artifacts/1/${marker(31)}/%2e%2e/%2e%2e/etc/passwd`,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "encoded ../ in one segment",
    method: "GET",
    path: `/api/2.0/mlflow-artifacts/artifacts/${marker(32)}/..%2f..%2fetc%2fpasswd`,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "double-encoded .. in the path",
    method: "PUT",
    path: `/api/2.0/mlflow-artifacts/artifacts/${marker(33)}/%252e%252e%252f%252e%252e%252fx`,
    body: "x",
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "backslashes in the path",
    method: "GET",
    path: `/api/2.0/mlflow-artifacts/artifacts/1/${marker(34)}/..\\..\\etc\\passwd`,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "encoded backslash in the path",
    method: "DELETE",
    path: `/api/2.0/mlflow-artifacts/artifacts/1/${marker(35)}/..%5c..%5cx`,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "plain .. in a query path",
    method: "GET",
    path: `/get-artifact?run_uuid=${marker(36)}&path=../../etc/passwd`,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "encoded .. in a query path",
    method: "GET",
    path: `/get-artifact?run_uuid=${marker(37)}&path=%2e%2e%2f%2e%2e%2fetc%2fpasswd`,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "double-encoded .. in a query path",
    method: "GET",
    path: `/api/2.0/mlflow/artifacts/list?run_id=${marker(38)}&path=%252e%252e%252fetc`,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "backslash in a query path",
    method: "GET",
    path: `/model-versions/get-artifact?name=${marker(39)}&version=1&path=..%5C..%5Cx`,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "absolute query path",
    method: "GET",
    path: `/ajax-api/2.0/mlflow/artifacts/list?run_id=${marker(40)}&path=/etc`,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "traversal in an upload path",
    method: "POST",
    path: `/ajax-api/2.0/mlflow/upload-artifact?run_uuid=${marker(41)}&path=../../x`,
    body: "x",
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "traversal in a JSON body path",
    method: "POST",
    path: `/api/2.0/mlflow/artifacts/presigned-download-url?m=${marker(42)}`,
    body: '{"run_id":"a","path":"../../x"}',
    headers: json,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  {
    name: "traversal in a logged model's directory",
    method: "GET",
    path: `/api/2.0/mlflow/logged-models/m-1/artifacts/directories?artifact_directory_path=../${marker(43)}`,
    status: 400,
    code: "INVALID_PARAMETER_VALUE",
  },
  // Wrong methods.
  {
    name: "GET on a POST endpoint",
    method: "GET",
    path: `/api/2.0/mlflow/runs/create?m=${marker(50)}`,
    status: 405,
    code: "BAD_REQUEST",
  },
  {
    name: "POST on a GET endpoint",
    method: "POST",
    path: `/api/2.0/mlflow/runs/get?m=${marker(51)}`,
    body: "{}",
    headers: json,
    status: 405,
    code: "BAD_REQUEST",
  },
  {
    name: "PUT on runs/search",
    method: "PUT",
    path: `/api/2.0/mlflow/runs/search?m=${marker(52)}`,
    body: "{}",
    headers: json,
    status: 405,
    code: "BAD_REQUEST",
  },
  {
    name: "DELETE on experiments/create",
    method: "DELETE",
    path: `/api/2.0/mlflow/experiments/create?m=${marker(53)}`,
    status: 405,
    code: "BAD_REQUEST",
  },
  {
    name: "PATCH on get-artifact",
    method: "PATCH",
    path: `/get-artifact?run_uuid=${marker(54)}&path=a`,
    body: "{}",
    status: 405,
    code: "BAD_REQUEST",
  },
  {
    name: "GET on a multipart upload",
    method: "GET",
    path: `/api/2.0/mlflow-artifacts/mpu/create/${marker(55)}/x`,
    status: 405,
    code: "BAD_REQUEST",
  },
  {
    name: "TRACE, which Next.js cannot parse",
    method: "TRACE",
    path: `/api/2.0/mlflow/runs/get?m=${marker(56)}`,
    status: 405,
    code: "BAD_REQUEST",
  },
];

/** A raw HTTP exchange: no URL normalization, so the traversal forms arrive exactly as written. */
function send(base: string, c: Case, agent?: Agent): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const options = {
      host: hostname,
      port,
      method: c.method,
      path: c.path,
      headers: c.headers ?? {},
      ...(agent ? { agent } : {}),
    };
    const req = httpRequest(options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers["content-type"] ?? "",
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", reject);
    if (c.headersOnly) req.flushHeaders();
    else req.end(c.body);
  });
}

test.describe("the gateway refuses bad input", () => {
  test.describe.configure({ mode: "default" });

  for (const c of cases) {
    test(`${c.name}: ${c.method} → ${c.status} ${c.code}`, async ({ baseURL }) => {
      const res = await send(baseURL!, c);
      expect(res.status).toBe(c.status);
      expect(res.type).toMatch(/^application\/json/);
      const body = JSON.parse(res.body) as { error_code?: unknown; message?: unknown };
      expect(body.error_code).toBe(c.code);
      expect(typeof body.message === "string" && body.message.length > 0).toBe(true);
    });
  }

  test("a body refused half-read does not leave its keep-alive connection stuck", async ({ baseURL }) => {
    const oversized = cases.find((c) => c.name === "a 17 MiB JSON body without Content-Length")!;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await send(baseURL!, oversized, agent)).status).toBe(413);
    const next = await send(
      baseURL!,
      { name: "next", method: "GET", path: "/api/status", status: 200, code: "" },
      agent,
    );
    expect(next.status).toBe(200);
    agent.destroy();
  });

  test("none of them reached MLflow", async ({ baseURL }) => {
    // A good request with its own marker proves MLflow's access log is being written.
    const good = await send(baseURL!, {
      name: "good",
      method: "GET",
      path: "/api/2.0/mlflow/experiments/get?experiment_id=0&m=good-input",
      status: 200,
      code: "",
    });
    expect(good.status).toBe(200);
    await expect.poll(() => readFileSync(mlflowLog(), "utf8").includes("good-input")).toBe(true);
    const log = readFileSync(mlflowLog(), "utf8");
    expect(log.match(/bad-input-\d+/g) ?? []).toEqual([]);
  });
});
