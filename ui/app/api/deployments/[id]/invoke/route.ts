import { DeploymentIdParams } from "@/features/deployments";
import { INVOKE_MAX_BODY_BYTES } from "@/features/deployments/schemas";
import { invokeDeployment } from "@/features/deployments/server";
import { readBodyBytes } from "@/lib/http/body";
import { withRoute } from "@/lib/http/route";

/**
 * A test call proxied to the deployment's `/invocations`: the body as sent (JSON or CSV, at most
 * 1 MiB), the scoring server's status and body passed back; latency and errors are counted. The
 * running server answers this path itself, before Next (features/deployments/server/invoke-route.ts);
 * this route serves it until that is registered.
 */
export const POST = withRoute({
  params: DeploymentIdParams,
  handler: async ({ params, req, session }) => {
    const reply = await invokeDeployment(session, params.id, {
      body: await readBodyBytes(req, INVOKE_MAX_BODY_BYTES),
      contentType: req.headers.get("content-type"),
      signal: req.signal,
    });
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  },
});

export const dynamic = "force-dynamic";
