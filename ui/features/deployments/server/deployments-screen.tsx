import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { currentSession } from "@/lib/auth";
import { getServerQueryClient } from "@/lib/query-client.server";
import { DeploymentsView } from "../components/deployments-view";
import { deploymentQueries } from "../queries";
import { deploymentsFilterOf } from "../search-params";
import { deploymentsFor } from "./access";

/** Prefetches the list with the browser's own query key (`?model=` applied), so the table paints with data. */
export async function DeploymentsScreen({
  searchParams,
}: {
  searchParams: Record<string, string | string[] | undefined>;
}) {
  const queryClient = getServerQueryClient();
  const session = await currentSession();
  const model = deploymentsFilterOf(searchParams);
  // A failure (MLflow down) is left to the browser's query to show, with a way to retry.
  await queryClient.prefetchQuery({
    ...deploymentQueries.list(model),
    queryFn: async () => ({
      deployments: await (await deploymentsFor(session)).list(model ? { modelName: model } : {}),
    }),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <DeploymentsView />
    </HydrationBoundary>
  );
}
