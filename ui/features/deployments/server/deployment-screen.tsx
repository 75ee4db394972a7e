import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { currentSession } from "@/lib/auth";
import { getServerQueryClient } from "@/lib/query-client.server";
import { DeploymentView } from "../components/deployment-view";
import { deploymentQueries } from "../queries";
import { deploymentsFor } from "./access";

export async function DeploymentScreen({ id }: { id: string }) {
  const queryClient = getServerQueryClient();
  const session = await currentSession();
  await queryClient.prefetchQuery({
    ...deploymentQueries.detail(id),
    queryFn: async () => (await deploymentsFor(session)).get(id),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <DeploymentView id={id} />
    </HydrationBoundary>
  );
}
