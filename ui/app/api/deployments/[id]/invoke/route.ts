import { DeploymentIdParams } from "@/features/deployments";
import { invokeDeployment } from "@/features/deployments/server";
import { withRoute } from "@/lib/http/route";

/**
 * A test call proxied to the deployment's `/invocations`: the body as sent (JSON or CSV, at most
 * 1 MiB), the scoring server's status and body passed back; latency and errors are counted.
 */
export const POST = withRoute({
  params: DeploymentIdParams,
  handler: ({ params, req, session }) => invokeDeployment(session, params.id, req),
});

export const dynamic = "force-dynamic";
