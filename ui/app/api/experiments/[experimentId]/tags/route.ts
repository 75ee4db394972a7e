import {
  DeleteExperimentTagQuery,
  ExperimentDetail,
  ExperimentIdParams,
  SetExperimentTagBody,
} from "@/features/experiments";
import { deleteExperimentTag, setExperimentTag } from "@/features/experiments/server";
import { withRoute } from "@/lib/http/route";

/** Sets one tag, `{ "key": "...", "value": "..." }`; the description is the key `mlflow.note.content`. */
export const PUT = withRoute({
  permission: "EDIT",
  params: ExperimentIdParams,
  body: SetExperimentTagBody,
  response: ExperimentDetail,
  handler: ({ params, body, mlflow }) => setExperimentTag(mlflow, params.experimentId, body),
});

/** Deletes one tag: `?key=...`. */
export const DELETE = withRoute({
  permission: "EDIT",
  params: ExperimentIdParams,
  query: DeleteExperimentTagQuery,
  response: ExperimentDetail,
  handler: ({ params, query, mlflow }) => deleteExperimentTag(mlflow, params.experimentId, query),
});

export const dynamic = "force-dynamic";
