/** next-auth's endpoints under /api/auth in team mode; in local mode they do not exist (404). */
import "server-only";
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { refuseCrossSite } from "@/lib/http/cross-origin";
import { AppError, toErrorResponse } from "@/lib/http/errors";
import { nextAuthOptions } from "./next-auth-options";

type Segment = { params: Promise<{ nextauth: string[] }> };

export function nextAuthRoute() {
  async function handler(req: NextRequest, segment: Segment): Promise<Response> {
    try {
      if (env.MLTRACK_AUTH !== "team") throw new AppError("ENDPOINT_NOT_FOUND", "Sign-in exists in team mode only");
      // next-auth checks its own CSRF token on sign-in; this also refuses another site's sign-out.
      refuseCrossSite(req);
      return (await NextAuth(req, segment, nextAuthOptions())) as Response;
    } catch (err) {
      return toErrorResponse(err, "app", { method: req.method, path: req.nextUrl.pathname });
    }
  }
  return { GET: handler, POST: handler };
}
