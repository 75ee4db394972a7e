import { ExperimentDetail, ExperimentIdParams, RenameExperimentBody } from "@/features/experiments";
import { deleteExperiment, getExperimentDetail, renameExperiment } from "@/features/experiments/server";
import { withRoute } from "@/lib/http/route";

export const GET = withRoute({
  params: ExperimentIdParams,
  response: ExperimentDetail,
  handler: ({ params, mlflow }) => getExperimentDetail(mlflow, params.experimentId),
});

/** Renames the experiment: `{ "name": "..." }`. */
export const PATCH = withRoute({
  permission: "EDIT",
  params: ExperimentIdParams,
  body: RenameExperimentBody,
  response: ExperimentDetail,
  handler: ({ params, body, mlflow }) => renameExperiment(mlflow, params.experimentId, body),
});

/** Soft-deletes the experiment (MLflow keeps it and its runs; POST .../restore brings it back). */
export const DELETE = withRoute({
  permission: "EDIT",
  params: ExperimentIdParams,
  response: ExperimentDetail,
  handler: ({ params, mlflow }) => deleteExperiment(mlflow, params.experimentId),
});

export const dynamic = "force-dynamic";
