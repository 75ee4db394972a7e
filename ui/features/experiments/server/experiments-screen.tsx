import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { currentSession } from "@/lib/auth";
import { mlflowFor } from "@/lib/mlflow";
import { getServerQueryClient } from "@/lib/query-client.server";
import { ExperimentsView } from "../components/experiments-view";
import { experimentQueries } from "../queries";
import { listExperiments } from "./list-experiments";

/** Prefetches the first page with the browser's own query key, so the table paints with data. */
export async function ExperimentsScreen() {
  const queryClient = getServerQueryClient();
  const mlflow = mlflowFor(await currentSession());
  await queryClient.prefetchInfiniteQuery({
    ...experimentQueries.list(),
    queryFn: ({ pageParam }) => listExperiments(mlflow, { pageToken: pageParam }),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ExperimentsView />
    </HydrationBoundary>
  );
}
