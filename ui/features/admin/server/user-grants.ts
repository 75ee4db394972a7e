/**
 * A user's grants on experiments and registered models, read and changed through MLflow's per-user
 * grant routes by the signed-in admin.
 */
import "server-only";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import type { GrantBody, GrantResource, UserGrants } from "../schemas";
import { findDirectGrant, grantedExperimentIds, toUserGrants } from "./grant-rows";

/** Names looked up per listing at most; the rest show their ID alone. */
const MAX_NAME_LOOKUPS = 100;
const LOOKUPS_AT_ONCE = 8;

export async function listUserGrants(mlflow: MlflowClient, username: string): Promise<UserGrants> {
  const permissions = await mlflow.users.permissions({ username });
  const names = await experimentNames(mlflow, grantedExperimentIds(permissions.grants).slice(0, MAX_NAME_LOOKUPS));
  return toUserGrants(username, permissions, names);
}

/** Grants the permission; an existing grant of the user's on the resource is replaced (revoke, then grant). */
export async function grantPermission(mlflow: MlflowClient, username: string, body: GrantBody): Promise<UserGrants> {
  const { grants } = await mlflow.users.permissions({ username });
  const replace = findDirectGrant(grants, body) !== undefined;
  if (body.resourceType === "experiment") {
    const input = { username, experimentId: body.resourceId, permission: body.permission };
    await (replace ? mlflow.experimentPermissions.update(input) : mlflow.experimentPermissions.create(input));
  } else {
    const input = { username, name: body.resourceId, permission: body.permission };
    await (replace ? mlflow.registeredModelPermissions.update(input) : mlflow.registeredModelPermissions.create(input));
  }
  return listUserGrants(mlflow, username);
}

export async function revokePermission(
  mlflow: MlflowClient,
  username: string,
  resource: GrantResource,
): Promise<UserGrants> {
  if (resource.resourceType === "experiment") {
    await mlflow.experimentPermissions.delete({ username, experimentId: resource.resourceId });
  } else {
    await mlflow.registeredModelPermissions.delete({ username, name: resource.resourceId });
  }
  return listUserGrants(mlflow, username);
}

/** Best effort: an experiment the admin cannot read (or that is gone) shows its ID alone. A few at a time. */
async function experimentNames(mlflow: MlflowClient, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += LOOKUPS_AT_ONCE) {
    await Promise.all(
      ids.slice(i, i + LOOKUPS_AT_ONCE).map((experimentId) =>
        mlflow.experiments.get({ experimentId }).then(
          (experiment) => void names.set(experimentId, experiment.name),
          () => undefined,
        ),
      ),
    );
  }
  return names;
}
