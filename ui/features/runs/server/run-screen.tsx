import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { forbidden, notFound, redirect } from "next/navigation";
import { MlflowNotFoundError, MlflowPermissionDeniedError } from "mltrack-sdk/mlflow";
import { currentSession } from "@/lib/auth";
import { mlflowFor } from "@/lib/mlflow";
import { getServerQueryClient } from "@/lib/query-client.server";
import { RunPageView } from "../components/run-page-view";
import { runQueries } from "../queries";
import { getRunDetail } from "./get-run-detail";

/** A run's page: its detail prefetched with the browser's own query key; a run of another experiment redirects. */
export async function RunScreen({ experimentId, runId }: { experimentId: string; runId: string }) {
  const queryClient = getServerQueryClient();
  const mlflow = mlflowFor(await currentSession());
  const detail = await getRunDetail(mlflow, runId).catch((err: unknown) => {
    if (err instanceof MlflowNotFoundError) notFound();
    // Team mode: MLflow refuses what the user may not read.
    if (err instanceof MlflowPermissionDeniedError) forbidden();
    throw err;
  });
  if (detail.experimentId !== experimentId) redirect(`/experiments/${detail.experimentId}/runs/${runId}`);
  queryClient.setQueryData(runQueries.detail(runId).queryKey, detail);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RunPageView runId={runId} />
    </HydrationBoundary>
  );
}
