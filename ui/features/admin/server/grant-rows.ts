/** The permissions panel's rows, from MLflow's list of a user's grants on all their roles. */
import type { PermissionGrant, UserPermissions } from "mltrack-sdk/mlflow";
import { GRANT_RESOURCE_TYPES, type GrantResource, type UserGrants } from "../schemas";

/** The role MLflow keeps each user's own grants on (`grant`/`revoke` write there); other roles are shared. */
const DIRECT_ROLE = /^__user_\d+__$/;

export const isDirectGrant = (grant: PermissionGrant) => DIRECT_ROLE.test(grant.roleName);

/** The user's own grant on exactly this resource, if they have one. */
export function findDirectGrant(grants: readonly PermissionGrant[], resource: GrantResource) {
  return grants.find(
    (g) => isDirectGrant(g) && g.resourceType === resource.resourceType && g.resourcePattern === resource.resourceId,
  );
}

/** Experiment IDs named by the grants (not `*`), each once: the ones whose names the panel shows. */
export function grantedExperimentIds(grants: readonly PermissionGrant[]): string[] {
  const ids = grants.filter((g) => g.resourceType === "experiment" && g.resourcePattern !== "*");
  return [...new Set(ids.map((g) => g.resourcePattern))];
}

export function toUserGrants(
  username: string,
  permissions: UserPermissions,
  experimentNames: ReadonlyMap<string, string>,
): UserGrants {
  const grants = permissions.grants.map((grant) => {
    const direct = isDirectGrant(grant);
    return {
      resourceType: grant.resourceType,
      resourceId: grant.resourcePattern,
      permission: grant.permission,
      via: direct ? null : grant.roleName,
      experimentName: grant.resourceType === "experiment" ? (experimentNames.get(grant.resourcePattern) ?? null) : null,
      revocable:
        direct &&
        grant.resourcePattern !== "*" &&
        (GRANT_RESOURCE_TYPES as readonly string[]).includes(grant.resourceType),
    };
  });
  grants.sort(
    (a, b) =>
      compare(a.resourceType, b.resourceType) ||
      a.resourceId.localeCompare(b.resourceId, "en", { numeric: true }) ||
      compare(a.via ?? "", b.via ?? ""),
  );
  return { username, mlflowAdmin: permissions.isAdmin, grants };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
