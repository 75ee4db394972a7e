import { ExperimentDetail, ExperimentIdParams } from "@/features/experiments";
import { restoreExperiment } from "@/features/experiments/server";
import { withRoute } from "@/lib/http/route";

export const POST = withRoute({
  permission: "EDIT",
  params: ExperimentIdParams,
  response: ExperimentDetail,
  handler: ({ params, mlflow }) => restoreExperiment(mlflow, params.experimentId),
});

export const dynamic = "force-dynamic";
