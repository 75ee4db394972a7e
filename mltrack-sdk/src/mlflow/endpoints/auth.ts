/**
 * MLflow's basic-auth app (`mlflow server --app-name basic-auth`, mlflow/server/auth): its users, and
 * per-user permission grants on experiments and registered models. Admin-only calls answer 403 to
 * others (MlflowPermissionDeniedError); bad credentials 401 (MlflowAuthenticationError).
 *
 * MLflow 3.18 has no `experiments/permissions/*` or `registered-models/permissions/*` routes any
 * more: a direct grant is a row on the user's synthetic `__user_<id>__` role, written through
 * `/api/3.0/mlflow/users/permissions/{grant,revoke,get}` with a `resource_type`. The two permission
 * groups below are those routes with the resource type fixed. There is no route to change a grant
 * in place that a resource's MANAGE holder may call; the client's `update` revokes, then grants.
 */
import { z } from "zod";
import { toPermissionGrant, toUser } from "../reshape";
import type { CurrentUser, UserPermissions } from "../types";
import { ExperimentId, RegisteredModelName } from "../validation";
import { MlflowPermission, MlflowPermissionGrant, MlflowUser } from "../wire";
import { API, API3, Empty, json } from "./spec";

const Username = z.string().min(1);
/** MLflow refuses shorter ones (`_validate_password` in mlflow/utils/validation.py). */
const NewPassword = z.string().min(12, "MLflow requires at least 12 characters");
/** What a grant on one resource may be (`NO_PERMISSIONS` is expressed by revoking). */
const GrantablePermission = z.enum(["READ", "USE", "EDIT", "MANAGE", "DENY"]);

const UserResponse = z.object({ user: MlflowUser }).transform((r) => toUser(r.user));
const UserPermissionsResponse = z
  .object({ is_admin: z.boolean(), permissions: z.array(MlflowPermissionGrant) })
  .transform((r): UserPermissions => ({ isAdmin: r.is_admin, grants: r.permissions.map(toPermissionGrant) }));

export const users = {
  /** Admins (and workspace admins) only. The new user is not an admin. */
  create: json({
    method: "POST",
    path: `${API}/users/create`,
    retry: "unsafe",
    request: z.object({ username: Username, password: NewPassword }),
    response: UserResponse,
  }),
  /** Admins, or the user themself. */
  get: json({
    method: "GET",
    path: `${API}/users/get`,
    retry: "safe",
    request: z.object({ username: Username }),
    response: UserResponse,
  }),
  /** Whoever the credentials belong to. */
  current: json({
    method: "GET",
    path: `${API}/users/current`,
    retry: "safe",
    request: z.object({}),
    response: z
      .object({ user: MlflowUser, is_basic_auth: z.boolean() })
      .transform((r): CurrentUser => ({ user: toUser(r.user), isBasicAuth: r.is_basic_auth })),
  }),
  list: json({
    method: "GET",
    path: `${API}/users/list`,
    retry: "safe",
    request: z.object({}),
    response: z.object({ users: z.array(MlflowUser) }).transform((r) => r.users.map(toUser)),
  }),
  /**
   * Admins set anyone's password; a user changing their own must also send `currentPassword`.
   * Not retried: a repeat of a successful self-service change fails on the old current password.
   */
  updatePassword: json({
    method: "PATCH",
    path: `${API}/users/update-password`,
    retry: "unsafe",
    request: z
      .object({ username: Username, password: NewPassword, currentPassword: z.string().min(1).optional() })
      .transform((r) => ({ username: r.username, password: r.password, current_password: r.currentPassword })),
    response: Empty,
  }),
  /** Admins only. */
  updateAdmin: json({
    method: "PATCH",
    path: `${API}/users/update-admin`,
    retry: "safe",
    request: z
      .object({ username: Username, isAdmin: z.boolean() })
      .transform((r) => ({ username: r.username, is_admin: r.isAdmin })),
    response: Empty,
  }),
  /** Admins only, and not their own account (400). */
  delete: json({
    method: "DELETE",
    path: `${API}/users/delete`,
    retry: "unsafe",
    request: z.object({ username: Username }),
    response: Empty,
  }),
  /** Every grant on every role of a user: admins, or the user themself. */
  permissions: json({
    method: "GET",
    path: `${API3}/users/permissions/list`,
    retry: "safe",
    request: z.object({ username: Username }),
    response: UserPermissionsResponse,
  }),
  /** The caller's own grants. */
  currentPermissions: json({
    method: "GET",
    path: `${API3}/users/current/permissions`,
    retry: "safe",
    request: z.object({}),
    response: UserPermissionsResponse,
  }),
};

/** The three per-user grant routes, given the resource's own request shapes (without and with `permission`). */
function grantRoutes<Ref extends z.ZodType, Grant extends z.ZodType>(ref: Ref, grant: Grant) {
  return {
    /** The resource's MANAGE holders (its creator) and admins. 400 if the user already has a grant on it. */
    create: json({
      method: "POST",
      path: `${API3}/users/permissions/grant`,
      retry: "unsafe",
      request: grant,
      response: Empty,
    }),
    /**
     * The permission MLflow resolves for the user: their grant, else the server's
     * `default_permission`. Admins, or the user themself (not the resource's MANAGE holder).
     */
    get: json({
      method: "GET",
      path: `${API3}/users/permissions/get`,
      retry: "safe",
      request: ref,
      response: z.object({ allowed: z.boolean(), permission: MlflowPermission }),
    }),
    /** Removes the user's grant (404 if there is none); they fall back to `default_permission`. */
    delete: json({
      method: "POST",
      path: `${API3}/users/permissions/revoke`,
      retry: "unsafe",
      request: ref,
      response: Empty,
    }),
  };
}

const wireRef = (resourceType: string, resourceId: string, username: string) => ({
  username,
  resource_type: resourceType,
  resource_id: resourceId,
});

const ExperimentRef = z.object({ experimentId: ExperimentId, username: Username });
export const experimentPermissions = grantRoutes(
  ExperimentRef.transform((r) => wireRef("experiment", r.experimentId, r.username)),
  ExperimentRef.extend({ permission: GrantablePermission }).transform((r) => ({
    ...wireRef("experiment", r.experimentId, r.username),
    permission: r.permission,
  })),
);

const RegisteredModelRef = z.object({ name: RegisteredModelName, username: Username });
export const registeredModelPermissions = grantRoutes(
  RegisteredModelRef.transform((r) => wireRef("registered_model", r.name, r.username)),
  RegisteredModelRef.extend({ permission: GrantablePermission }).transform((r) => ({
    ...wireRef("registered_model", r.name, r.username),
    permission: r.permission,
  })),
);
