import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { currentSession } from "@/lib/auth";
import { mlflowFor } from "@/lib/mlflow";
import { getServerQueryClient } from "@/lib/query-client.server";
import { ComparePageView } from "../components/compare-page-view";
import { compareQueries } from "../queries";
import { parseCompareView } from "../search-params";
import { getCompareRuns } from "./get-compare-runs";

/** Prefetches the compared runs with the browser's own query key, so the page paints with them. */
export async function CompareScreen({ searchParams }: { searchParams: Record<string, string | string[] | undefined> }) {
  const view = parseCompareView(searchParams);
  const queryClient = getServerQueryClient();
  if (view.runIds.length) {
    const mlflow = mlflowFor(await currentSession());
    // A failure (MLflow down) is left to the browser's query to show.
    await queryClient.prefetchQuery({
      ...compareQueries.runs(view.runIds),
      queryFn: () => getCompareRuns(mlflow, { runIds: view.runIds }),
    });
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ComparePageView />
    </HydrationBoundary>
  );
}
