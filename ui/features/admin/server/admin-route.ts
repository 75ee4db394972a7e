/**
 * The admin API's routes: withRoute with the admin role, as team mode has it. Local mode has no users
 * to manage, so there every admin route answers 404 before reading anything of the request.
 */
import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { withRoute, type RouteConfig } from "@/lib/http/route";

type AdminRouteConfig<P, Q, B, R> = Omit<RouteConfig<P, Q, B, R>, "role" | "errorFormat">;

export function adminRoute<P = undefined, Q = undefined, B = undefined, R = unknown>(
  config: AdminRouteConfig<P, Q, B, R>,
) {
  const team = withRoute({ ...config, role: "admin" });
  const local = withRoute({
    permission: config.permission,
    role: "admin",
    handler: () => {
      throw new AppError(
        "ENDPOINT_NOT_FOUND",
        "User management exists in team mode only (MLTRACK_AUTH=team); local mode has one user and no sign-in.",
      );
    },
  });
  return (...args: Parameters<typeof team>) => (env.MLTRACK_AUTH === "team" ? team : local)(...args);
}
