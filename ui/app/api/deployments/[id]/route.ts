import { Deployment, DeploymentIdParams } from "@/features/deployments";
import { deployEngine } from "@/features/deployments/server";
import { withRoute } from "@/lib/http/route";

export const GET = withRoute({
  params: DeploymentIdParams,
  response: Deployment,
  handler: async ({ params, session }) => (await deployEngine(session)).get(params.id),
});

/** Undeploys: stops the process or deletes the cloud resources; the record stays, `stopped`. */
export const DELETE = withRoute({
  // team mode: deployer role
  permission: "EDIT",
  params: DeploymentIdParams,
  response: Deployment,
  handler: async ({ params, session }) => (await deployEngine(session)).undeploy(params.id),
});

export const dynamic = "force-dynamic";
