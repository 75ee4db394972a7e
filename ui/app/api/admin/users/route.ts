import { AdminUser, AdminUserList, CreateUserBody } from "@/features/admin";
import { adminRoute, createAdminUser, listAdminUsers } from "@/features/admin/server";

/** Every MLflow user with their MLTrack role (null: never signed in), by name. Admins, team mode. */
export const GET = adminRoute({
  permission: "READ",
  response: AdminUserList,
  handler: ({ mlflow }) => listAdminUsers(mlflow),
});

/** Creates an MLflow user with a role: `{ username, password, role }`. */
export const POST = adminRoute({
  permission: "MANAGE",
  body: CreateUserBody,
  response: AdminUser,
  handler: ({ body, mlflow }) => createAdminUser(mlflow, body),
});

export const dynamic = "force-dynamic";
