import { DeploymentIdParams, InvokeExample } from "@/features/deployments";
import { deploymentsFor, invokeExampleOf } from "@/features/deployments/server";
import { withRoute } from "@/lib/http/route";

/** The test-invoke form's first body: the model's serving input example, else a row from its signature. */
export const GET = withRoute({
  params: DeploymentIdParams,
  response: InvokeExample,
  handler: async ({ params, session, mlflow, req }) => {
    const deployment = await (await deploymentsFor(session)).get(params.id);
    return invokeExampleOf(mlflow, deployment.modelName, deployment.modelVersion, req.signal);
  },
});

export const dynamic = "force-dynamic";
