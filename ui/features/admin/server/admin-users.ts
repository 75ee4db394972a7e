/**
 * Team mode's user management. MLflow holds the users, their passwords and admin flag; MLTrack's store
 * holds their role. Every MLflow call is the signed-in admin's own, so MLflow checks they are an admin
 * too; MLflow is written first, so a failure leaves the store as it was.
 */
import "server-only";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import type { Role } from "@/features/auth";
import { forgetRole } from "@/features/auth/server/user-roles";
import { authStore } from "@/features/auth/server/store-instance";
import type { AuthStore } from "@/features/auth/server/store/types";
import type { Session } from "@/lib/auth";
import { AppError } from "@/lib/http/errors";
import type { AdminUser, AdminUserList, CreateUserBody, DeletedUser, UpdateUserBody } from "../schemas";
import { joinUsers, selfChangeRefusal, toAdminUser } from "./user-rows";

export async function listAdminUsers(mlflow: MlflowClient): Promise<AdminUserList> {
  const [users, records] = await Promise.all([mlflow.users.list({}), authStore().then((store) => store.listUsers())]);
  return { users: joinUsers(users, records) };
}

export async function createAdminUser(mlflow: MlflowClient, body: CreateUserBody): Promise<AdminUser> {
  const user = await mlflow.users.create({ username: body.username, password: body.password });
  if (body.role === "admin") await mlflow.users.updateAdmin({ username: body.username, isAdmin: true });
  const store = await authStore();
  // MLflow had no user of this name, so a record of one (and their API tokens) is left from a deleted account.
  await store.deleteUser(body.username);
  const record = await setStoredRole(store, body.username, body.role);
  return toAdminUser({ username: user.username, isAdmin: body.role === "admin" }, record);
}

export async function updateAdminUser(
  mlflow: MlflowClient,
  session: Session,
  username: string,
  body: UpdateUserBody,
): Promise<AdminUser> {
  refuseSelfChange(session, username, { role: body.role });
  const store = await authStore();
  if (body.password !== undefined && (await store.getUser(username))?.source === "github") {
    throw new AppError(
      "INVALID_PARAMETER_VALUE",
      `${username} signs in with GitHub: MLTrack keeps their MLflow password, so it cannot be reset here.`,
    );
  }
  if (body.role !== undefined) {
    // MLflow's admin flag is the admin role (sign-in syncs it), so the two change together.
    await mlflow.users.updateAdmin({ username, isAdmin: body.role === "admin" });
    await setStoredRole(store, username, body.role);
  }
  if (body.password !== undefined) await mlflow.users.updatePassword({ username, password: body.password });
  const [user, record] = await Promise.all([mlflow.users.get({ username }), store.getUser(username)]);
  return toAdminUser(user, record);
}

export async function deleteAdminUser(mlflow: MlflowClient, session: Session, username: string): Promise<DeletedUser> {
  refuseSelfChange(session, username, "delete");
  await mlflow.users.delete({ username });
  await (await authStore()).deleteUser(username);
  forgetRole(username);
  return { username };
}

function refuseSelfChange(session: Session, username: string, change: Parameters<typeof selfChangeRefusal>[2]) {
  const refusal = selfChangeRefusal(session.user.name, username, change);
  if (refusal) throw new AppError("INVALID_PARAMETER_VALUE", refusal);
}

/** The user's role, recording them first if MLTrack has not met them (a user MLflow knows who never signed in). */
async function setStoredRole(store: AuthStore, username: string, role: Role) {
  let record = await store.insertUser({
    name: username,
    role,
    source: "mlflow",
    githubId: null,
    githubLogin: null,
    sealedPassword: null,
    createdAt: Date.now(),
  });
  if (record.role !== role) {
    await store.setRole(username, role);
    record = { ...record, role };
  }
  forgetRole(username);
  return record;
}
