import { DeleteRunTagQuery, RunIdParams, RunMutationResult, SetRunTagBody } from "@/features/runs";
import { deleteRunTag, setRunTag } from "@/features/runs/server";
import { withRoute } from "@/lib/http/route";

/** Sets one of the run's own tags (not `mlflow.*`): `{ key, value }`. */
export const PUT = withRoute({
  permission: "EDIT",
  params: RunIdParams,
  body: SetRunTagBody,
  response: RunMutationResult,
  handler: async ({ params, body, mlflow }) => {
    await setRunTag(mlflow, params.runId, body.key, body.value);
    return {};
  },
});

/** Deletes one of the run's own tags: `?key=…`. */
export const DELETE = withRoute({
  permission: "EDIT",
  params: RunIdParams,
  query: DeleteRunTagQuery,
  response: RunMutationResult,
  handler: async ({ params, query, mlflow }) => {
    await deleteRunTag(mlflow, params.runId, query.key);
    return {};
  },
});

export const dynamic = "force-dynamic";
