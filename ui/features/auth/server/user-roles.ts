/**
 * Each user's MLTrack role, kept in the auth store. MLflow's admin flag is the admin role: it is
 * synced at every sign-in, so the admin page's changes and MLflow's own agree. Lookups are cached for a
 * moment because every request reads one; a role change reaches every instance within that moment.
 */
import "server-only";
import { env } from "@/lib/env";
import type { Role } from "../roles";
import { authStore } from "./store-instance";
import type { UserRecord } from "./store/types";

const CACHE_MS = 2_000;
const cache = new Map<string, { role: Role | null; until: number }>();

/** The user's role, or null when MLTrack does not know them (never signed in, or removed). */
export async function roleOf(name: string): Promise<Role | null> {
  const now = Date.now();
  const hit = cache.get(name);
  if (hit && hit.until > now) return hit.role;
  const user = await (await authStore()).getUser(name);
  const role = user?.role ?? null;
  if (cache.size > 10_000) cache.clear();
  cache.set(name, { role, until: now + CACHE_MS });
  return role;
}

export function forgetRole(name: string): void {
  cache.delete(name);
}

/**
 * Called when someone proves who they are (a sign-in, or MLflow credentials on the gateway): a first
 * visit gets the default role; MLflow admins are admins, and someone MLflow no longer makes an admin
 * loses the admin role.
 */
export async function recordSignIn(
  identity: { username: string; isAdmin: boolean },
  details: Pick<UserRecord, "source" | "githubId" | "githubLogin" | "sealedPassword"> = {
    source: "mlflow",
    githubId: null,
    githubLogin: null,
    sealedPassword: null,
  },
): Promise<Role> {
  const store = await authStore();
  const stored = await store.insertUser({
    name: identity.username,
    role: identity.isAdmin ? "admin" : env.MLTRACK_DEFAULT_ROLE,
    createdAt: Date.now(),
    ...details,
  });
  let role = stored.role;
  if (identity.isAdmin && role !== "admin") role = "admin";
  else if (!identity.isAdmin && role === "admin") role = "deployer";
  if (role !== stored.role) await store.setRole(identity.username, role);
  forgetRole(identity.username);
  return role;
}
