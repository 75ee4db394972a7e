/** The admin page's user rows: MLflow's users (the source of truth) with what MLTrack's store adds. */
import type { User } from "mltrack-sdk/mlflow";
import type { Role } from "@/features/auth";
import type { UserRecord } from "@/features/auth/server/store/types";
import type { AdminUser } from "../schemas";

export function toAdminUser(user: Pick<User, "username" | "isAdmin">, record: UserRecord | null): AdminUser {
  return {
    name: user.username,
    mlflowAdmin: user.isAdmin,
    role: record?.role ?? null,
    source: record?.source ?? null,
    githubLogin: record?.githubLogin ?? null,
    createdAt: record?.createdAt ?? null,
  };
}

/**
 * Every MLflow user, by name, each with their store record (none: never signed in to MLTrack). Records
 * of users MLflow no longer has are left out: they cannot sign in.
 */
export function joinUsers(users: readonly Pick<User, "username" | "isAdmin">[], records: readonly UserRecord[]) {
  const byName = new Map(records.map((record) => [record.name, record]));
  return users
    .map((user) => toAdminUser(user, byName.get(user.username) ?? null))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Why the signed-in admin may not make this change to their own account, or null. Demoting or
 * deleting yourself could leave the team without an admin, and you without this page.
 */
export function selfChangeRefusal(actor: string, target: string, change: { role?: Role } | "delete"): string | null {
  if (actor !== target) return null;
  if (change === "delete") return "You cannot delete your own account; another admin can.";
  if (change.role !== undefined && change.role !== "admin")
    return "You cannot remove your own admin role; another admin can.";
  return null;
}
