/**
 * Routes the custom server (server.ts) answers itself, before Next's router, for hot paths where
 * Next's request handling costs more than the work: the deployment invoke proxy, where it added
 * ~6 ms a call on a 2-core machine (bench/README.md). Handlers are registered from inside Next's
 * server bundle (instrumentation-node.ts), so they share its modules, engine, auth and error table;
 * server.ts only looks them up. A request no handler matches goes to Next, where the same route
 * exists, so the answer never depends on which path served it.
 *
 * No imports beyond types: server.ts loads this outside Next's bundling.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export type DirectHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
) => Promise<void>;

export interface DirectRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Anchored, on the path without its query; named groups become the params. */
  pattern: RegExp;
  handler: DirectHandler;
}

/** Response header naming the path that served a request (tests and operators can tell). */
export const DIRECT_ROUTE_HEADER = "x-mltrack-route";

const SLOT = Symbol.for("mltrack.directRoutes");
type Holder = typeof globalThis & { [SLOT]?: DirectRoute[] };

function routes(): DirectRoute[] {
  const holder = globalThis as Holder;
  return (holder[SLOT] ??= []);
}

/** Adds a route, replacing one with the same method and pattern (a dev-mode reload registers again). */
export function registerDirectRoute(route: DirectRoute): void {
  const list = routes();
  const same = list.findIndex((r) => r.method === route.method && r.pattern.source === route.pattern.source);
  if (same >= 0) list.splice(same, 1, route);
  else list.push(route);
}

export function matchDirectRoute(
  method: string,
  rawUrl: string,
): { handler: DirectHandler; params: Record<string, string> } | undefined {
  const list = routes();
  if (list.length === 0) return undefined;
  const path = rawUrl.split(/[?#]/, 1)[0] ?? "";
  for (const route of list) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { handler: route.handler, params: { ...match.groups } };
  }
  return undefined;
}
