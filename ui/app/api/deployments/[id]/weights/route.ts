import { Deployment, DeploymentIdParams, VariantWeights } from "@/features/deployments";
import { deploymentsFor } from "@/features/deployments/server";
import { withRoute } from "@/lib/http/route";

/** Shifts traffic between a SageMaker deployment's production variants; answers once it serves with them. */
export const POST = withRoute({
  permission: "EDIT",
  role: "deployer",
  params: DeploymentIdParams,
  body: VariantWeights,
  response: Deployment,
  handler: async ({ params, body, session }) =>
    (await deploymentsFor(session)).setTrafficWeights(params.id, body.weights),
});

export const dynamic = "force-dynamic";
