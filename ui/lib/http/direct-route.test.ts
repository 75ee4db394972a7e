/**
 * Direct routes on a real Node HTTP server wired like server.ts: matched before Next, the same
 * params check, body limits and error shapes as `withRoute`, and the 413 reaches the client.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { MlflowNotFoundError } from "mltrack-sdk/mlflow";
import { withDirectRoute } from "./direct-route";
import { DIRECT_ROUTE_HEADER, matchDirectRoute, registerDirectRoute } from "./direct-routes";

const LIMIT = 1024;
let server: Server;
let base: string;
const seen: { id: string; body: string; contentType: string | null }[] = [];

beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "log").mockImplementation(() => {});
  registerDirectRoute({
    method: "POST",
    pattern: /^\/api\/things\/(?<id>[^/]+)\/echo$/,
    handler: withDirectRoute({
      params: z.object({ id: z.string().regex(/^t-\d+$/, "A thing id such as t-1") }),
      maxBodyBytes: LIMIT,
      handler: async ({ params, body, contentType }) => {
        if (params.id === "t-404")
          throw new MlflowNotFoundError({
            errorCode: "RESOURCE_DOES_NOT_EXIST",
            message: `Thing ${params.id} does not exist`,
            httpStatus: 404,
          });
        const text = new TextDecoder().decode(body);
        seen.push({ id: params.id, body: text, contentType });
        return { status: 201, headers: { "content-type": "text/plain; charset=utf-8" }, body: `echo ${text}` };
      },
    }),
  });
  server = createServer((req, res) => {
    const direct = matchDirectRoute(req.method ?? "", req.url ?? "/");
    if (direct) return void direct.handler(req, res, direct.params);
    res.writeHead(299).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("direct routes", () => {
  it("match only their method and anchored path, with the query ignored", () => {
    expect(matchDirectRoute("POST", "/api/things/t-1/echo?x=1")?.params).toEqual({ id: "t-1" });
    expect(matchDirectRoute("GET", "/api/things/t-1/echo")).toBeUndefined();
    expect(matchDirectRoute("POST", "/api/things/t-1/echo/more")).toBeUndefined();
    expect(matchDirectRoute("POST", "/x/api/things/t-1/echo")).toBeUndefined();
  });

  it("answer with the handler's status, headers and body, marked as served directly", async () => {
    const res = await fetch(`${base}/api/things/t-7/echo`, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: "a,b\n1,2",
    });
    expect(res.status).toBe(201);
    expect(res.headers.get(DIRECT_ROUTE_HEADER)).toBe("direct");
    expect(await res.text()).toBe("echo a,b\n1,2");
    expect(seen.at(-1)).toEqual({ id: "t-7", body: "a,b\n1,2", contentType: "text/csv" });
  });

  it("leave other requests to Next", async () => {
    const res = await fetch(`${base}/api/things/t-7`, { method: "POST" });
    expect(res.status).toBe(299);
  });

  it("refuse bad params with withRoute's 400, before the handler runs", async () => {
    const before = seen.length;
    const res = await fetch(`${base}/api/things/bogus/echo`, { method: "POST", body: "x" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: "INVALID_PARAMETER_VALUE", message: expect.stringMatching(/^Invalid path parameters: id: /) },
    });
    expect(seen.length).toBe(before);
  });

  it("map the handler's errors through the one error table", async () => {
    const res = await fetch(`${base}/api/things/t-404/echo`, { method: "POST", body: "x" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "RESOURCE_DOES_NOT_EXIST", message: "Thing t-404 does not exist" },
    });
  });

  it("read a body at the limit whole, and refuse one past it with a 413 the client receives", async () => {
    const exact = await fetch(`${base}/api/things/t-1/echo`, { method: "POST", body: "x".repeat(LIMIT) });
    expect(exact.status).toBe(201);
    expect((await exact.text()).length).toBe(LIMIT + 5);

    const over = await fetch(`${base}/api/things/t-1/echo`, { method: "POST", body: "x".repeat(LIMIT + 1) });
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: { message: string } }).error.message).toBe(
      `Request body exceeds the ${LIMIT}-byte limit`,
    );
  });

  it("answer 413 and close the connection for a streamed body far past the limit", async () => {
    const { status, connection } = await new Promise<{ status: number; connection: string | undefined }>(
      (resolve, reject) => {
        const req = httpRequest(`${base}/api/things/t-1/echo`, { method: "POST" }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
        });
        req.on("error", reject);
        // Chunked, no Content-Length: the limit is found while reading.
        const chunk = "y".repeat(LIMIT);
        for (let i = 0; i < 8; i++) req.write(chunk);
        req.end();
      },
    );
    expect(status).toBe(413);
    expect(connection).toBe("close");
  });
});
