import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { MlflowNotFoundError } from "mltrack-sdk/mlflow";
import { withRoute } from "./route";

const url = (path: string) => new NextRequest(new URL(path, "http://127.0.0.1:3000"));
const silence = () => [
  vi.spyOn(console, "warn").mockImplementation(() => {}),
  vi.spyOn(console, "log").mockImplementation(() => {}),
];

describe("withRoute", () => {
  it("parses the query with zod and hands the handler typed values", async () => {
    const route = withRoute({
      query: z.object({ n: z.coerce.number().int(), tag: z.array(z.string()).optional() }),
      handler: ({ query }) => ({ doubled: query.n * 2, tags: query.tag }),
    });
    const res = await route(url("/api/x?n=21&tag=a&tag=b"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ doubled: 42, tags: ["a", "b"] });
  });

  it("answers 400 naming the bad field, before the handler runs", async () => {
    silence();
    const handler = vi.fn();
    const route = withRoute({ query: z.object({ n: z.coerce.number().int() }), handler });
    const res = await route(url("/api/x?n=abc"));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: "INVALID_PARAMETER_VALUE", message: expect.stringMatching(/^Invalid query: n: /) },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("awaits route params (a Promise since Next 15) and validates them", async () => {
    const route = withRoute({ params: z.object({ id: z.string().regex(/^\d+$/) }), handler: ({ params }) => params });
    const ok = await route(url("/api/e/7"), { params: Promise.resolve({ id: "7" }) });
    expect(await ok.json()).toEqual({ id: "7" });
    silence();
    expect((await route(url("/api/e/x"), { params: Promise.resolve({ id: "x" }) })).status).toBe(400);
  });

  it("reads JSON bodies, refusing malformed and oversized ones", async () => {
    silence();
    const route = withRoute({ body: z.object({ name: z.string() }), handler: ({ body }) => body });
    const post = (body: string) =>
      route(
        new NextRequest("http://127.0.0.1:3000/api/x", {
          method: "POST",
          body,
          headers: { "content-type": "application/json" },
        }),
      );
    expect(await (await post('{"name":"a"}')).json()).toEqual({ name: "a" });
    const malformed = await post("{name:");
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/Malformed JSON/);
    // Somewhat over the limit: read to the end and discarded, so the answer arrives and the connection lives.
    const over = await post(JSON.stringify({ name: "x".repeat(17 * 1024 * 1024) }));
    expect(over.status).toBe(413);
    expect(over.headers.get("connection")).toBeNull();
    // Far over: refused unread, and the connection closes, since the rest of the body is still coming.
    const huge = await post(JSON.stringify({ name: "x".repeat(65 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(huge.headers.get("connection")).toBe("close");
  });

  it("maps errors thrown by the handler in one place", async () => {
    silence();
    const route = withRoute({
      handler: () => {
        throw new MlflowNotFoundError({
          errorCode: "RESOURCE_DOES_NOT_EXIST",
          message: "Run r not found",
          httpStatus: 404,
        });
      },
    });
    const res = await route(url("/api/runs/r"));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "RESOURCE_DOES_NOT_EXIST", message: "Run r not found" } });
  });

  it("checks responses against their schema outside production", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const route = withRoute({ response: z.object({ count: z.number() }), handler: () => ({ count: "many" }) as never });
    const res = await route(url("/api/x"));
    expect(res.status).toBe(500);
    expect(spy.mock.calls.flat().join(" ")).toContain("does not match its schema");
    spy.mockRestore();
  });
});
