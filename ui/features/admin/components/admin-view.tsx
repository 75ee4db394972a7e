"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { ErrorState } from "@/components/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useViewer, type Role } from "@/features/auth";
import { useDeleteUser, useUpdateUser } from "../hooks/use-admin-mutations";
import { adminQueries } from "../queries";
import { SELECTED_USER_PARAM, parseSelectedUser } from "../search-params";
import { DeleteUserDialog } from "./delete-user-dialog";
import { NewUserDialog } from "./new-user-dialog";
import { ResetPasswordDialog } from "./reset-password-dialog";
import { UserPermissionsPanel } from "./user-permissions-panel";
import { UsersTable } from "./users-table";

/** Team mode's users: their roles, passwords and accounts, and the permissions of the one chosen (`?user=`). */
export function AdminView({ defaultRole }: { defaultRole: Role }) {
  const me = useViewer()?.name ?? "";
  const pathname = usePathname();
  const selected = parseSelectedUser(new URLSearchParams(useSearchParams().toString()));
  const users = useQuery(adminQueries.users());
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const [resetting, setResetting] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);

  // Choosing a user replaces the history entry; Next keeps useSearchParams in step with the history API.
  const select = (username: string | null) => {
    const search = username === null ? "" : `?${new URLSearchParams({ [SELECTED_USER_PARAM]: username })}`;
    window.history.replaceState(null, "", `${pathname}${search}`);
  };

  const list = users.data?.users;
  const selectedExists = selected !== null && list?.some((user) => user.name === selected);
  const busyUser = update.isPending ? update.variables.username : remove.isPending ? remove.variables : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground">
          MLflow&apos;s users, each with an MLTrack role. MLflow admins are MLTrack admins.
        </p>
        <NewUserDialog defaultRole={defaultRole} />
      </div>
      {list ? (
        <UsersTable
          users={list}
          me={me}
          selected={selectedExists ? selected : null}
          busyUser={busyUser}
          onSelect={select}
          onRoleChange={(username, role) => update.mutate({ username, role })}
          onResetPassword={setResetting}
          onDelete={setDeleting}
        />
      ) : users.error ? (
        <ErrorState title="Could not load the users" error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Skeleton className="h-40 w-full" aria-label="Loading users" />
      )}
      {selectedExists ? <UserPermissionsPanel key={selected} username={selected} /> : null}
      <ResetPasswordDialog username={resetting} onClose={() => setResetting(null)} />
      <DeleteUserDialog
        username={deleting}
        onClose={() => setDeleting(null)}
        onConfirm={(username) => {
          setDeleting(null);
          remove.mutate(username, { onSuccess: () => (username === selected ? select(null) : undefined) });
        }}
      />
    </div>
  );
}
