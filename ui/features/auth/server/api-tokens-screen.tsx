import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { currentSession } from "@/lib/auth";
import { getServerQueryClient } from "@/lib/query-client.server";
import { ApiTokensView } from "../components/api-tokens-view";
import { apiTokenQueries } from "../queries";
import { listApiTokens } from "./api-token-service";

export async function ApiTokensScreen() {
  const session = await currentSession();
  if (session.mode !== "team") {
    return (
      <p className="text-muted-foreground">
        Local mode has no sign-in, so MLflow clients use this UI&apos;s URL without a token. API tokens exist in team
        mode (MLTRACK_AUTH=team).
      </p>
    );
  }
  const queryClient = getServerQueryClient();
  await queryClient.prefetchQuery({
    ...apiTokenQueries.list(),
    queryFn: async () => ({ tokens: await listApiTokens(session) }),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ApiTokensView />
    </HydrationBoundary>
  );
}
