import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { currentSession } from "@/lib/auth";
import { mlflowFor } from "@/lib/mlflow";
import { getServerQueryClient } from "@/lib/query-client.server";
import { ExperimentsView } from "../components/experiments-view";
import { experimentQueries } from "../queries";
import { experimentListParams, parseExperimentListView } from "../search-params";
import { listExperiments } from "./list-experiments";

/** Prefetches the URL's first page with the browser's own query key, so the table paints with data. */
export async function ExperimentsScreen({
  searchParams,
}: {
  searchParams: Record<string, string | string[] | undefined>;
}) {
  const queryClient = getServerQueryClient();
  const mlflow = mlflowFor(await currentSession());
  const view = parseExperimentListView(searchParams);
  // A failure (MLflow down) is left to the browser's query to show, with a way to retry.
  await queryClient.prefetchInfiniteQuery({
    ...experimentQueries.list(view),
    queryFn: ({ pageParam }) => listExperiments(mlflow, experimentListParams(view, pageParam)),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ExperimentsView />
    </HydrationBoundary>
  );
}
