import { GrantBody, GrantResource, UserGrants, UsernameParams } from "@/features/admin";
import { adminRoute, grantPermission, listUserGrants, revokePermission } from "@/features/admin/server";

/** The user's grants on experiments, registered models and the rest, direct or through an MLflow role. */
export const GET = adminRoute({
  permission: "READ",
  params: UsernameParams,
  response: UserGrants,
  handler: ({ params, mlflow }) => listUserGrants(mlflow, params.username),
});

/** Grants `{ resourceType, resourceId, permission }`, replacing the user's grant on it if they have one. */
export const POST = adminRoute({
  permission: "MANAGE",
  params: UsernameParams,
  body: GrantBody,
  response: UserGrants,
  handler: ({ params, body, mlflow }) => grantPermission(mlflow, params.username, body),
});

/** Revokes the user's grant: `?resourceType=experiment|registered_model&resourceId=...`. */
export const DELETE = adminRoute({
  permission: "MANAGE",
  params: UsernameParams,
  query: GrantResource,
  response: UserGrants,
  handler: ({ params, query, mlflow }) => revokePermission(mlflow, params.username, query),
});

export const dynamic = "force-dynamic";
