import "server-only";
import { withRoute } from "@/lib/http/route";
import { forwardToMlflow } from "./forward";

/** The MLflow-compatible gateway: one handler for every method of every gateway route file. */
const gateway = withRoute({
  errorFormat: "mlflow",
  permission: (req) => (req.method === "GET" ? "READ" : "EDIT"),
  handler: forwardToMlflow,
});

export { gateway as GET, gateway as POST, gateway as PUT, gateway as PATCH, gateway as DELETE };
export { gatewayRoutes, matchRoute } from "./allow-list";
export { apiNotFound } from "./not-found";
