/**
 * The gateway's allow-list: the endpoints of the SDK's spec table but the groups below, each at its
 * `/api` path and, as MLflow serves them, at the `/ajax-api` twin. Anything else is not forwarded.
 */
import "server-only";
import { endpoints, type Endpoint, type Endpoints, type HttpMethod } from "mltrack-sdk/mlflow";

/**
 * MLflow's users and permission grants (its basic-auth app) stay behind the gateway: team mode manages
 * them on its admin page (MLTrack's admin role), so here they are unknown endpoints.
 */
export const NOT_FORWARDED: ReadonlySet<keyof Endpoints> = new Set([
  "users",
  "experimentPermissions",
  "registeredModelPermissions",
]);

export interface GatewayRoute {
  method: HttpMethod;
  template: string;
  pattern: RegExp;
  endpoint: Endpoint;
}

export type RouteMatch =
  | { type: "match"; route: GatewayRoute; params: Record<string, string> }
  | { type: "wrong-method"; allowed: HttpMethod[] }
  | { type: "not-found" };

function compile(template: string): RegExp {
  const source = template
    .split(/(\{\w+\+?\})/)
    .map((part) => {
      const param = /^\{(\w+)(\+?)\}$/.exec(part);
      if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return param[2] ? `(?<${param[1]}>.+)` : `(?<${param[1]}>[^/]+)`;
    })
    .join("");
  return new RegExp(`^${source}$`);
}

function buildRoutes(): GatewayRoute[] {
  const routes: GatewayRoute[] = [];
  for (const [name, group] of Object.entries(endpoints)) {
    if (NOT_FORWARDED.has(name as keyof Endpoints)) continue;
    for (const endpoint of Object.values(group) as Endpoint[]) {
      const templates = [endpoint.path];
      if (endpoint.path.startsWith("/api/")) templates.push(`/ajax-api/${endpoint.path.slice("/api/".length)}`);
      for (const template of templates) {
        routes.push({ method: endpoint.method, template, pattern: compile(template), endpoint });
      }
    }
  }
  return routes;
}

const ROUTES = buildRoutes();

/** Matches a raw (still percent-encoded) path. */
export function matchRoute(method: string, pathname: string): RouteMatch {
  const allowed: HttpMethod[] = [];
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    if (route.method === method) return { type: "match", route, params: { ...match.groups } };
    if (!allowed.includes(route.method)) allowed.push(route.method);
  }
  return allowed.length ? { type: "wrong-method", allowed } : { type: "not-found" };
}

export function gatewayRoutes(): readonly GatewayRoute[] {
  return ROUTES;
}
