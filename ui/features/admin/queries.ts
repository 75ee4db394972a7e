import { queryOptions } from "@tanstack/react-query";
import { apiGet } from "@/lib/api-client";
import type { AdminUserList, UserGrants } from "./schemas";

export const adminUserPath = (username: string, tail = "") => `/api/admin/users/${encodeURIComponent(username)}${tail}`;

export const adminQueries = {
  all: () => ["admin"] as const,
  users: () =>
    queryOptions({
      queryKey: [...adminQueries.all(), "users"] as const,
      queryFn: ({ signal }) => apiGet<AdminUserList>("/api/admin/users", undefined, signal),
    }),
  grants: (username: string) =>
    queryOptions({
      queryKey: [...adminQueries.all(), "grants", username] as const,
      queryFn: ({ signal }) => apiGet<UserGrants>(adminUserPath(username, "/permissions"), undefined, signal),
    }),
};
