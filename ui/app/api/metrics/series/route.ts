import { MetricSeriesRequest, MetricSeriesResponse } from "@/features/metrics";
import { readMetricSeries } from "@/features/metrics/server";
import { withRoute } from "@/lib/http/route";

/** A read, sent as POST because 100 run ids × 50 keys do not fit a URL. */
export const POST = withRoute({
  body: MetricSeriesRequest,
  response: MetricSeriesResponse,
  handler: ({ body, mlflow }) => readMetricSeries(mlflow, body),
});

export const dynamic = "force-dynamic";
