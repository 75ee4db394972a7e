import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { currentSession } from "@/lib/auth";
import { mlflowFor } from "@/lib/mlflow";
import { getServerQueryClient } from "@/lib/query-client.server";
import { RunsView } from "../components/runs-view";
import { pageRequest, runQueries } from "../queries";
import { parseRunsView, runSearchRequestOf } from "../search-params";
import { searchRuns } from "./search-runs";

/**
 * Prefetches the view's first page with the browser's own query key, so the first paint has rows; the
 * browser loads the rest.
 */
export async function RunsScreen({
  experimentId,
  searchParams,
}: {
  experimentId: string;
  searchParams: Record<string, string | string[] | undefined>;
}) {
  const queryClient = getServerQueryClient();
  const mlflow = mlflowFor(await currentSession());
  const request = runSearchRequestOf(experimentId, parseRunsView(searchParams));
  // A failure (a bad filter in the URL, MLflow down) is left to the browser's query to show.
  await queryClient.prefetchInfiniteQuery({
    ...runQueries.list(request),
    queryFn: ({ pageParam }) => searchRuns(mlflow, pageRequest(request, pageParam)),
    pages: 1,
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RunsView experimentId={experimentId} />
    </HydrationBoundary>
  );
}
