import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { currentSession } from "@/lib/auth";
import { env } from "@/lib/env";
import { mlflowFor } from "@/lib/mlflow";
import { getServerQueryClient } from "@/lib/query-client.server";
import { AdminView } from "../components/admin-view";
import { adminQueries } from "../queries";
import { parseSelectedUser } from "../search-params";
import { listAdminUsers } from "./admin-users";
import { listUserGrants } from "./user-grants";

/**
 * Admins only (others get the 403 page). Prefetches the users, and the chosen user's grants, with the
 * browser's own query keys; a failure is left to the browser's query to show, with a way to retry.
 */
export async function AdminScreen({ searchParams }: { searchParams: Record<string, string | string[] | undefined> }) {
  const session = await currentSession("admin");
  if (env.MLTRACK_AUTH !== "team") return <LocalModeNote />;
  const mlflow = mlflowFor(session);
  const queryClient = getServerQueryClient();
  const selected = parseSelectedUser(searchParams);
  await Promise.all([
    queryClient.prefetchQuery({ ...adminQueries.users(), queryFn: () => listAdminUsers(mlflow) }),
    selected
      ? queryClient.prefetchQuery({ ...adminQueries.grants(selected), queryFn: () => listUserGrants(mlflow, selected) })
      : null,
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AdminView defaultRole={env.MLTRACK_DEFAULT_ROLE} />
    </HydrationBoundary>
  );
}

function LocalModeNote() {
  return (
    <p className="rounded-md border p-6 text-sm text-muted-foreground" data-testid="admin-local-mode">
      Users and permissions exist in team mode only (<code>MLTRACK_AUTH=team</code>). In local mode there is no sign-in:
      the one person at this machine can do everything.
    </p>
  );
}
