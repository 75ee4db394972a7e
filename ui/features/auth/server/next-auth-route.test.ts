import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { nextAuthRoute } from "./next-auth-route";

describe("next-auth's endpoints in local mode", () => {
  it("do not exist: sign-in is team mode's", async () => {
    const { GET, POST } = nextAuthRoute();
    for (const [handler, method] of [
      [GET, "GET"],
      [POST, "POST"],
    ] as const) {
      const answer = await handler(new NextRequest(`http://127.0.0.1:3000/api/auth/csrf`, { method }), {
        params: Promise.resolve({ nextauth: ["csrf"] }),
      });
      expect(answer.status).toBe(404);
      expect(await answer.json()).toEqual({
        error: { code: "ENDPOINT_NOT_FOUND", message: "Sign-in exists in team mode only" },
      });
    }
  });
});
