import { DeploymentIdParams, InvokeStats } from "@/features/deployments";
import { invokeStatsOf } from "@/features/deployments/server";
import { withRoute } from "@/lib/http/route";

/** Test calls through this UI server process since it started (count, errors, recent p50/p99). */
export const GET = withRoute({
  params: DeploymentIdParams,
  response: InvokeStats,
  handler: ({ params }) => invokeStatsOf(params.id),
});

export const dynamic = "force-dynamic";
