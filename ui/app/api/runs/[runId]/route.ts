import { RenameRunBody, RunDetail, RunIdParams, RunMutationResult } from "@/features/runs";
import { deleteRun, getRunDetail, renameRun } from "@/features/runs/server";
import { withRoute } from "@/lib/http/route";

export const GET = withRoute({
  params: RunIdParams,
  response: RunDetail,
  handler: ({ params, mlflow }) => getRunDetail(mlflow, params.runId),
});

/** Renames the run: `{ runName }`. */
export const PATCH = withRoute({
  permission: "EDIT",
  params: RunIdParams,
  body: RenameRunBody,
  response: RunMutationResult,
  handler: async ({ params, body, mlflow }) => {
    await renameRun(mlflow, params.runId, body.runName);
    return {};
  },
});

/** Soft-deletes the run (POST …/restore brings it back). */
export const DELETE = withRoute({
  permission: "EDIT",
  params: RunIdParams,
  response: RunMutationResult,
  handler: async ({ params, mlflow }) => {
    await deleteRun(mlflow, params.runId);
    return {};
  },
});

export const dynamic = "force-dynamic";
