import { RunSearchRequest, RunSearchResult } from "@/features/runs";
import { searchRuns } from "@/features/runs/server";
import { withRoute } from "@/lib/http/route";

export const POST = withRoute({
  body: RunSearchRequest,
  response: RunSearchResult,
  handler: ({ body, mlflow }) => searchRuns(mlflow, body),
});

export const dynamic = "force-dynamic";
