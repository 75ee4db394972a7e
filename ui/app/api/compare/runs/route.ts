import { CompareRunsRequest, CompareRunsResponse } from "@/features/compare";
import { getCompareRuns } from "@/features/compare/server";
import { withRoute } from "@/lib/http/route";

export const POST = withRoute({
  body: CompareRunsRequest,
  response: CompareRunsResponse,
  handler: ({ body, mlflow }) => getCompareRuns(mlflow, body),
});

export const dynamic = "force-dynamic";
