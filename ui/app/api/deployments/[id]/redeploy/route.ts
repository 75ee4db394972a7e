import { Deployment, DeploymentIdParams, RedeployBody } from "@/features/deployments";
import { deploymentsFor } from "@/features/deployments/server";
import { withRoute } from "@/lib/http/route";

/** The same target and config with another version of the registered model. */
export const POST = withRoute({
  permission: "EDIT",
  role: "deployer",
  params: DeploymentIdParams,
  body: RedeployBody,
  response: Deployment,
  handler: async ({ params, body, session }) => (await deploymentsFor(session)).redeploy(params.id, body.modelVersion),
});

export const dynamic = "force-dynamic";
