import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { currentSession } from "@/lib/auth";
import { mlflowFor } from "@/lib/mlflow";
import { getServerQueryClient } from "@/lib/query-client.server";
import { ModelsView } from "../components/models-view";
import { modelQueries } from "../queries";
import { modelListParams, parseModelListView } from "../search-params";
import { listRegisteredModels } from "./list-registered-models";

/** Prefetches the URL's first page with the browser's own query key, so the table paints with data. */
export async function ModelsScreen({ searchParams }: { searchParams: Record<string, string | string[] | undefined> }) {
  const queryClient = getServerQueryClient();
  const mlflow = mlflowFor(await currentSession());
  const view = parseModelListView(searchParams);
  // A failure (MLflow down) is left to the browser's query to show, with a way to retry.
  await queryClient.prefetchInfiniteQuery({
    ...modelQueries.list(view),
    queryFn: ({ pageParam }) => listRegisteredModels(mlflow, modelListParams(view, pageParam)),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ModelsView />
    </HydrationBoundary>
  );
}
