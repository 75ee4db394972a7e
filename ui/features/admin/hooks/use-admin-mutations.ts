"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { apiSend, toSearchParams } from "@/lib/api-client";
import { adminQueries, adminUserPath } from "../queries";
import type {
  AdminUser,
  CreateUserBody,
  DeletedUser,
  GrantBody,
  GrantResource,
  UpdateUserBody,
  UserGrants,
} from "../schemas";

/**
 * After a change to users: the list (roles, admin flags and who exists may all change) and the grants
 * panels (MLflow's admin flag shows there) refetch; a changed user's row takes the server's answer at once.
 */
export function useInvalidateAdminUsers() {
  const queryClient = useQueryClient();
  return (changed?: AdminUser) => {
    if (changed) {
      queryClient.setQueryData(adminQueries.users().queryKey, (list) =>
        list ? { users: list.users.map((user) => (user.name === changed.name ? changed : user)) } : list,
      );
    }
    return queryClient.invalidateQueries({ queryKey: adminQueries.all() });
  };
}

/** A grant change answers with the user's grants as MLflow now has them. */
function useSetGrants() {
  const queryClient = useQueryClient();
  return (grants: UserGrants) => queryClient.setQueryData(adminQueries.grants(grants.username).queryKey, grants);
}

const failed = (what: string) => (error: Error) => toast.error(`Could not ${what}`, { description: error.message });

export function useCreateUser() {
  const invalidate = useInvalidateAdminUsers();
  return useMutation({
    mutationFn: (body: CreateUserBody) => apiSend<AdminUser>("POST", "/api/admin/users", body),
    onSuccess: async (user) => {
      toast.success(`Created ${user.name} (${user.role ?? "no role"})`);
      await invalidate();
    },
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateAdminUsers();
  return useMutation({
    mutationFn: ({ username, ...body }: UpdateUserBody & { username: string }) =>
      apiSend<AdminUser>("PATCH", adminUserPath(username), body),
    onSuccess: async (user, vars) => {
      toast.success(vars.role ? `${user.name} is now ${vars.role}` : `Reset the password of ${user.name}`);
      await invalidate(user);
    },
    // A role is changed from the table, which has no room for the error; the password dialog shows its own.
    onError: (error: Error, vars) => (vars.role ? failed(`change the role of ${vars.username}`)(error) : undefined),
  });
}

export function useDeleteUser() {
  const invalidate = useInvalidateAdminUsers();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (username: string) => apiSend<DeletedUser>("DELETE", adminUserPath(username)),
    onSuccess: async ({ username }) => {
      toast.success(`Deleted ${username}`);
      // Their row and permissions panel go at once, so nothing asks MLflow about them again.
      queryClient.setQueryData(adminQueries.users().queryKey, (list) =>
        list ? { users: list.users.filter((user) => user.name !== username) } : list,
      );
      queryClient.removeQueries({ queryKey: adminQueries.grants(username).queryKey });
      await invalidate();
    },
    onError: (error: Error, username) => failed(`delete ${username}`)(error),
  });
}

export function useGrantPermission(username: string) {
  const setGrants = useSetGrants();
  return useMutation({
    mutationFn: (body: GrantBody) => apiSend<UserGrants>("POST", adminUserPath(username, "/permissions"), body),
    onSuccess: (grants, body) => {
      toast.success(`Granted ${body.permission} on ${describeResource(body)} to ${username}`);
      setGrants(grants);
    },
  });
}

export function useRevokePermission(username: string) {
  const setGrants = useSetGrants();
  return useMutation({
    mutationFn: (resource: GrantResource) =>
      apiSend<UserGrants>("DELETE", `${adminUserPath(username, "/permissions")}${toSearchParams({ ...resource })}`),
    onSuccess: (grants, resource) => {
      toast.success(`Revoked ${username}'s grant on ${describeResource(resource)}`);
      setGrants(grants);
    },
    onError: (error: Error, resource) => failed(`revoke the grant on ${describeResource(resource)}`)(error),
  });
}

export function describeResource(resource: GrantResource): string {
  return resource.resourceType === "experiment"
    ? `experiment ${resource.resourceId}`
    : `registered model "${resource.resourceId}"`;
}
