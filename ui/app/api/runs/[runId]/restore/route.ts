import { RunIdParams, RunMutationResult } from "@/features/runs";
import { restoreRun } from "@/features/runs/server";
import { withRoute } from "@/lib/http/route";

/** Restores a soft-deleted run. */
export const POST = withRoute({
  permission: "EDIT",
  params: RunIdParams,
  response: RunMutationResult,
  handler: async ({ params, mlflow }) => {
    await restoreRun(mlflow, params.runId);
    return {};
  },
});

export const dynamic = "force-dynamic";
