/**
 * `withRoute` for the custom server's direct routes (direct-routes.ts): the same cross-site check, authentication,
 * zod-checked params, body limit and error table, on Node's request and response instead of Next's.
 */
import "server-only";
import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import type { Role } from "@/features/auth/roles";
import { authenticate, roleFor, type Permission, type Session } from "../auth";
import { readNodeBodyBytes } from "./body";
import { refuseCrossSite } from "./cross-origin";
import { DIRECT_ROUTE_HEADER, type DirectHandler } from "./direct-routes";
import { parse } from "./route";
import { toErrorResponse } from "./errors";

/** What a direct handler answers: written to the socket as it is. */
export interface DirectReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface DirectRouteContext<P> {
  params: P;
  /** The request body, read up to `maxBodyBytes` (413 past it). */
  body: Uint8Array<ArrayBuffer>;
  contentType: string | null;
  session: Session;
  /** Aborted when the client goes away before the answer. */
  signal: AbortSignal;
}

export interface DirectRouteConfig<P> {
  permission?: Permission;
  role?: Role;
  params: z.ZodType<P>;
  maxBodyBytes: number;
  handler: (ctx: DirectRouteContext<P>) => Promise<DirectReply>;
}

export function withDirectRoute<P>(config: DirectRouteConfig<P>): DirectHandler {
  return async function direct(req, res, rawParams) {
    const aborted = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    let reply: DirectReply;
    try {
      const request = requestOf(req);
      refuseCrossSite(request);
      const session = await authenticate(request, config.role ?? roleFor(config.permission ?? "READ"));
      const params = parse(config.params, rawParams, "path parameters");
      const body = await readNodeBodyBytes(req, config.maxBodyBytes);
      reply = await config.handler({
        params,
        body,
        contentType: req.headers["content-type"] ?? null,
        session,
        signal: aborted.signal,
      });
    } catch (err) {
      const response = toErrorResponse(err, "app", { method: req.method ?? "", path: pathOf(req) });
      reply = { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    }
    if (res.destroyed) return;
    res.writeHead(reply.status, {
      ...reply.headers,
      "content-length": Buffer.byteLength(reply.body),
      [DIRECT_ROUTE_HEADER]: "direct",
    });
    res.end(reply.body);
  };
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? "/").split("?", 1)[0] ?? "/";
}

/** The request as `authenticate` reads it: method, URL and headers (the body is read separately). */
function requestOf(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  // A fixed origin: the Host header is the client's to choose and may not parse as one.
  return new Request(new URL(req.url ?? "/", "http://mltrack.invalid"), {
    method: req.method ?? "GET",
    headers,
  });
}
