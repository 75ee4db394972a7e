import { ExperimentListPage, ExperimentListQuery } from "@/features/experiments";
import { listExperiments } from "@/features/experiments/server";
import { withRoute } from "@/lib/http/route";

export const GET = withRoute({
  query: ExperimentListQuery,
  response: ExperimentListPage,
  handler: ({ query, mlflow }) => listExperiments(mlflow, query),
});

export const dynamic = "force-dynamic";
