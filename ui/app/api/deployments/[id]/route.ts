import { Deployment, DeploymentIdParams } from "@/features/deployments";
import { deploymentsFor } from "@/features/deployments/server";
import { withRoute } from "@/lib/http/route";

export const GET = withRoute({
  params: DeploymentIdParams,
  response: Deployment,
  handler: async ({ params, session }) => (await deploymentsFor(session)).get(params.id),
});

/** Undeploys: stops the process or deletes the cloud resources; the record stays, `stopped`. */
export const DELETE = withRoute({
  permission: "EDIT",
  role: "deployer",
  params: DeploymentIdParams,
  response: Deployment,
  handler: async ({ params, session }) => (await deploymentsFor(session)).undeploy(params.id),
});

export const dynamic = "force-dynamic";
