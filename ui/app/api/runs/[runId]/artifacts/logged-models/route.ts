import { z } from "zod";
import { ExperimentIdParam, RunIdParam, RunLoggedModels } from "@/features/artifacts";
import { listRunLoggedModels } from "@/features/artifacts/server";
import { withRoute } from "@/lib/http/route";

/** The logged models a run produced (MLflow 3 keeps their artifacts apart from the run's). */
export const GET = withRoute({
  params: z.object({ runId: RunIdParam }),
  query: z.object({ experimentId: ExperimentIdParam }),
  response: RunLoggedModels,
  handler: ({ params, query, mlflow, req }) =>
    listRunLoggedModels(mlflow, params.runId, query.experimentId, req.signal),
});

export const dynamic = "force-dynamic";
