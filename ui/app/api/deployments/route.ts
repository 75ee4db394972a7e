import { z } from "zod";
import { Deployment, DeploymentList, DeploymentListQuery } from "@/features/deployments";
import { createDeployment, deploymentsFor } from "@/features/deployments/server";
import { withRoute } from "@/lib/http/route";

/** Every deployment (newest first), or one registered model's (`?model=`). */
export const GET = withRoute({
  query: DeploymentListQuery,
  response: DeploymentList,
  handler: async ({ query, session }) => {
    const deployments = await deploymentsFor(session);
    return { deployments: await deployments.list(query.model ? { modelName: query.model } : {}) };
  },
});

/** Deploys a registered model version; answers with the record at once (status `pending`). */
export const POST = withRoute({
  permission: "EDIT",
  role: "deployer",
  // Parsed field by field in createDeployment, so a bad config gets each field's error.
  body: z.unknown(),
  response: Deployment,
  handler: ({ body, session }) => createDeployment(session, body),
});

export const dynamic = "force-dynamic";
