import { RunModelVersions, RunModelVersionsQuery } from "@/features/deployments";
import { runModelVersions } from "@/features/deployments/server";
import { withRoute } from "@/lib/http/route";

/** Registered model versions made from this run's models: what the run page's Deploy button offers. */
export const GET = withRoute({
  query: RunModelVersionsQuery,
  response: RunModelVersions,
  handler: ({ query, mlflow }) => runModelVersions(mlflow, query.runId),
});

export const dynamic = "force-dynamic";
