import { AdminUser, DeletedUser, UpdateUserBody, UsernameParams } from "@/features/admin";
import { adminRoute, deleteAdminUser, updateAdminUser } from "@/features/admin/server";

/** Changes a user's role (`{ role }`, MLflow's admin flag in step) and/or password (`{ password }`). */
export const PATCH = adminRoute({
  permission: "MANAGE",
  params: UsernameParams,
  body: UpdateUserBody,
  response: AdminUser,
  handler: ({ params, body, session, mlflow }) => updateAdminUser(mlflow, session, params.username, body),
});

/** Deletes the MLflow user, their MLTrack record and their API tokens. */
export const DELETE = adminRoute({
  permission: "MANAGE",
  params: UsernameParams,
  response: DeletedUser,
  handler: ({ params, session, mlflow }) => deleteAdminUser(mlflow, session, params.username),
});

export const dynamic = "force-dynamic";
