import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { env } from "@/lib/env";
import { adminRoute } from "./admin-route";

describe("adminRoute in local mode", () => {
  it("answers 404 ENDPOINT_NOT_FOUND before reading the request, and never runs the handler", async () => {
    expect(env.MLTRACK_AUTH).toBe("local");
    vi.spyOn(console, "log").mockImplementation(() => {});
    const handler = vi.fn();
    const route = adminRoute({ permission: "MANAGE", body: z.object({ username: z.string() }), handler });
    const res = await route(
      new NextRequest("http://127.0.0.1:3000/api/admin/users", {
        method: "POST",
        body: "{not json",
        headers: { "content-type": "application/json" },
      }),
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "ENDPOINT_NOT_FOUND", message: expect.stringMatching(/team mode only/) },
    });
    expect(handler).not.toHaveBeenCalled();
  });
});
