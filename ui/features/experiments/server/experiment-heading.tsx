import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { forbidden, notFound } from "next/navigation";
import { MlflowNotFoundError, MlflowPermissionDeniedError } from "mltrack-sdk/mlflow";
import { currentSession } from "@/lib/auth";
import { mlflowFor } from "@/lib/mlflow";
import { makeQueryClient } from "@/lib/query-client";
import { ExperimentHeader } from "../components/experiment-header";
import { experimentQueries } from "../queries";
import { getExperimentDetail } from "./manage-experiments";

/**
 * The experiment page's heading: name, description, tags and actions. The experiment is read here
 * with the browser's own query key, so the heading paints at once; MLflow having no such experiment
 * is the 404 page.
 */
export async function ExperimentHeading({ experimentId }: { experimentId: string }) {
  // Its own client: the runs view beside it dehydrates the request's shared one, pending queries included.
  const queryClient = makeQueryClient();
  const mlflow = mlflowFor(await currentSession());
  const detail = await getExperimentDetail(mlflow, experimentId).catch((err: unknown) => {
    if (err instanceof MlflowNotFoundError) notFound();
    // Team mode: MLflow refuses what the user may not read.
    if (err instanceof MlflowPermissionDeniedError) forbidden();
    throw err;
  });
  queryClient.setQueryData(experimentQueries.detail(experimentId).queryKey, detail);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ExperimentHeader experimentId={experimentId} />
    </HydrationBoundary>
  );
}
