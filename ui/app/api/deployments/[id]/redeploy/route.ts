import { Deployment, DeploymentIdParams, RedeployBody } from "@/features/deployments";
import { deployEngine } from "@/features/deployments/server";
import { withRoute } from "@/lib/http/route";

/** The same target and config with another version of the registered model. */
export const POST = withRoute({
  // team mode: deployer role
  permission: "EDIT",
  params: DeploymentIdParams,
  body: RedeployBody,
  response: Deployment,
  handler: async ({ params, body, session }) => (await deployEngine(session)).redeploy(params.id, body.modelVersion),
});

export const dynamic = "force-dynamic";
