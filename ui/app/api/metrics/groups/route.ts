import { GroupSeriesRequest, GroupSeriesResponse } from "@/features/metrics";
import { readGroupSeries } from "@/features/metrics/server";
import { withRoute } from "@/lib/http/route";

/** One metric's mean ± std per group of runs (up to 500 runs in all) for a grouped compare overlay. */
export const POST = withRoute({
  body: GroupSeriesRequest,
  response: GroupSeriesResponse,
  handler: ({ body, mlflow }) => readGroupSeries(mlflow, body),
});

export const dynamic = "force-dynamic";
