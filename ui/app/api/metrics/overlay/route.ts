import { OverlaySeriesRequest, OverlaySeriesResponse } from "@/features/metrics";
import { readOverlaySeries } from "@/features/metrics/server";
import { withRoute } from "@/lib/http/route";

/** One metric over up to 100 runs for a compare overlay; a read, sent as POST for its 100 run ids. */
export const POST = withRoute({
  body: OverlaySeriesRequest,
  response: OverlaySeriesResponse,
  handler: ({ body, mlflow }) => readOverlaySeries(mlflow, body),
});

export const dynamic = "force-dynamic";
