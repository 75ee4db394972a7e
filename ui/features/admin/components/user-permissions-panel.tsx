"use client";

import { useQuery } from "@tanstack/react-query";
import { ErrorState } from "@/components/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useRevokePermission } from "../hooks/use-admin-mutations";
import { adminQueries } from "../queries";
import { GrantForm } from "./grant-form";
import { GrantsTable } from "./grants-table";

/** One user's grants as MLflow holds them, with revoke and a grant form. Keyed by user by its parent. */
export function UserPermissionsPanel({ username }: { username: string }) {
  const grants = useQuery(adminQueries.grants(username));
  const revoke = useRevokePermission(username);

  return (
    <section className="space-y-4 rounded-lg border p-4" data-testid="admin-permissions-panel" data-user={username}>
      <div className="space-y-1">
        <h2 className="text-lg font-semibold break-words">Permissions of {username}</h2>
        <p className="text-sm text-muted-foreground">
          MLflow decides what they can read and change on each experiment and registered model: their grants here, else
          the server&apos;s default permission.
        </p>
      </div>
      {grants.data?.mlflowAdmin ? (
        <p className="rounded-md bg-muted p-3 text-sm" data-testid="admin-grants-admin-note">
          {username} is an MLflow admin: MLflow lets them do everything, whatever they are granted.
        </p>
      ) : null}
      {grants.data ? (
        <GrantsTable
          grants={grants.data.grants}
          busy={revoke.isPending}
          onRevoke={(resource) => revoke.mutate(resource)}
        />
      ) : grants.error ? (
        <ErrorState title="Could not load the permissions" error={grants.error} onRetry={() => void grants.refetch()} />
      ) : (
        <Skeleton className="h-24 w-full" aria-label="Loading permissions" />
      )}
      <GrantForm username={username} />
    </section>
  );
}
