/**
 * `POST /api/deployments/<id>/invoke`, served by the custom server before Next's router (see
 * lib/http/direct-routes.ts); app/api/deployments/[id]/invoke/route.ts is the same call through Next.
 */
import "server-only";
import { withDirectRoute } from "@/lib/http/direct-route";
import { registerDirectRoute } from "@/lib/http/direct-routes";
import { DeploymentIdParams, INVOKE_MAX_BODY_BYTES } from "../schemas";
import { invokeDeployment } from "./invoke";

export function registerInvokeRoute(): void {
  registerDirectRoute({
    method: "POST",
    pattern: /^\/api\/deployments\/(?<id>[^/]+)\/invoke$/,
    handler: withDirectRoute({
      params: DeploymentIdParams,
      maxBodyBytes: INVOKE_MAX_BODY_BYTES,
      handler: ({ params, session, body, contentType, signal }) =>
        invokeDeployment(session, params.id, { body, contentType, signal }),
    }),
  });
}
