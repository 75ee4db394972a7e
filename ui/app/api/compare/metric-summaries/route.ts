import { MetricSummariesRequest, MetricSummariesResponse } from "@/features/compare";
import { getMetricSummaries } from "@/features/compare/server";
import { withRoute } from "@/lib/http/route";

export const POST = withRoute({
  body: MetricSummariesRequest,
  response: MetricSummariesResponse,
  handler: ({ body, mlflow }) => getMetricSummaries(mlflow, body),
});

export const dynamic = "force-dynamic";
