import "server-only";
import { endpoints, type Endpoint } from "mltrack-sdk/mlflow";
import type { Permission } from "@/lib/auth";
import { withRoute } from "@/lib/http/route";
import { matchRoute } from "./allow-list";
import { forwardToMlflow } from "./forward";

/** MLflow's reads that are POSTs (a search's filter goes in the body): a viewer may call them. */
const POST_READS: ReadonlySet<Endpoint> = new Set<Endpoint>([
  endpoints.experiments.search,
  endpoints.experiments.searchDatasets,
  endpoints.runs.search,
  endpoints.loggedModels.search,
  endpoints.registeredModels.getLatestVersions,
  endpoints.artifacts.createPresignedDownloadUrl,
]);

/** What a gateway request needs: GETs and the reads above READ, anything else EDIT (MLflow refines it per resource). */
export function gatewayPermission(method: string, pathname: string): Permission {
  if (method === "GET" || method === "HEAD") return "READ";
  const match = matchRoute(method, pathname);
  return match.type === "match" && POST_READS.has(match.route.endpoint) ? "READ" : "EDIT";
}

/** The MLflow-compatible gateway: one handler for every method of every gateway route file. */
const gateway = withRoute({
  errorFormat: "mlflow",
  permission: (req) => gatewayPermission(req.method, req.nextUrl.pathname),
  handler: forwardToMlflow,
});

export { gateway as GET, gateway as POST, gateway as PUT, gateway as PATCH, gateway as DELETE };
export { gatewayRoutes, matchRoute } from "./allow-list";
export { apiNotFound } from "./not-found";
