import "server-only";
import { AppError } from "@/lib/http/errors";
import { withRoute } from "@/lib/http/route";

/** MLflow's own API lives under a version segment (`/api/2.0/...`); the rest of /api is MLTrack's. */
const MLFLOW_PATH = /^\/(ajax-)?api\/\d+\.\d+(\/|$)/;

function notFound(req: Request): never {
  const { pathname } = new URL(req.url);
  throw new AppError("ENDPOINT_NOT_FOUND", `No endpoint ${req.method} ${pathname}`);
}

/** Answers unknown API paths with a JSON 404 in the caller's dialect, never Next's HTML page. */
export const mlflowNotFound = withRoute({ errorFormat: "mlflow", handler: ({ req }) => notFound(req) });
export const appNotFound = withRoute({ handler: ({ req }) => notFound(req) });

export function apiNotFound(req: Parameters<typeof appNotFound>[0]): Promise<Response> {
  return MLFLOW_PATH.test(req.nextUrl.pathname) ? mlflowNotFound(req) : appNotFound(req);
}
