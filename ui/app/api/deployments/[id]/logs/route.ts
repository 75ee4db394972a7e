import { DeploymentIdParams, DeploymentLogs } from "@/features/deployments";
import { deploymentsFor } from "@/features/deployments/server";
import { withRoute } from "@/lib/http/route";

/** The last log lines the target keeps (the local scoring server's output; deploy steps elsewhere). */
export const GET = withRoute({
  params: DeploymentIdParams,
  response: DeploymentLogs,
  handler: async ({ params, session }) => ({ lines: await (await deploymentsFor(session)).logs(params.id) }),
});

export const dynamic = "force-dynamic";
