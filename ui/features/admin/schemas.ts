/** The admin API's requests and responses (team mode): MLflow's users and grants, with MLTrack's roles. */
import { z } from "zod";
import { ExperimentId, RegisteredModelName } from "mltrack-sdk/validation";
import { ROLES } from "@/features/auth";

export const Username = z.string().min(1, "Username must not be empty").max(256, "Username is too long");
export const UsernameParams = z.object({ username: Username });

/** MLflow refuses shorter passwords (`_validate_password`). */
export const MIN_PASSWORD_LENGTH = 12;
/** The upper bound only keeps a request reasonable. */
const NewPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `MLflow requires at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024);
const RoleName = z.enum(ROLES);

/** An MLflow user and what MLTrack's store knows of them (nothing: never signed in to MLTrack). */
export const AdminUser = z
  .object({
    name: z.string(),
    /** MLflow's own admin flag. */
    mlflowAdmin: z.boolean(),
    role: RoleName.nullable(),
    /** `github`: MLTrack provisioned their MLflow account and keeps its password. */
    source: z.enum(["mlflow", "github"]).nullable(),
    githubLogin: z.string().nullable(),
    /** When MLTrack first recorded them (first sign-in, or creation on the admin page). */
    createdAt: z.number().nullable(),
  })
  .strict();
export type AdminUser = z.infer<typeof AdminUser>;

export const AdminUserList = z.object({ users: z.array(AdminUser) }).strict();
export type AdminUserList = z.infer<typeof AdminUserList>;

export const CreateUserBody = z.object({ username: Username, password: NewPassword, role: RoleName }).strict();
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({ role: RoleName.optional(), password: NewPassword.optional() })
  .strict()
  .refine((body) => body.role !== undefined || body.password !== undefined, "Give a role, a password or both");
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const DeletedUser = z.object({ username: z.string() }).strict();
export type DeletedUser = z.infer<typeof DeletedUser>;

/** The resources MLTrack grants on, each with its own id rules. */
export const GRANT_RESOURCE_TYPES = ["experiment", "registered_model"] as const;
export type GrantResourceType = (typeof GRANT_RESOURCE_TYPES)[number];
export const GRANTABLE_PERMISSIONS = ["READ", "USE", "EDIT", "MANAGE", "DENY"] as const;

const ExperimentResource = z.object({ resourceType: z.literal("experiment"), resourceId: ExperimentId });
const RegisteredModelResource = z.object({
  resourceType: z.literal("registered_model"),
  resourceId: RegisteredModelName,
});

export const GrantResource = z.discriminatedUnion("resourceType", [ExperimentResource, RegisteredModelResource]);
export type GrantResource = z.infer<typeof GrantResource>;

const Permission = z.enum(GRANTABLE_PERMISSIONS);
export const GrantBody = z.discriminatedUnion("resourceType", [
  ExperimentResource.extend({ permission: Permission }).strict(),
  RegisteredModelResource.extend({ permission: Permission }).strict(),
]);
export type GrantBody = z.infer<typeof GrantBody>;

/** One grant MLflow holds for the user. */
export const UserGrant = z
  .object({
    /** `experiment`, `registered_model`, or another kind MLflow knows (`prompt`, `scorer`, ...). */
    resourceType: z.string(),
    /** An experiment ID or a model name, or `*` for all of that kind. */
    resourceId: z.string(),
    permission: z.string(),
    /** The MLflow role the grant comes through; null for the user's own (direct) grant. */
    via: z.string().nullable(),
    /** The experiment's name, when the admin can read it. */
    experimentName: z.string().nullable(),
    /** A direct grant on one experiment or registered model: this page can revoke it. */
    revocable: z.boolean(),
  })
  .strict();
export type UserGrant = z.infer<typeof UserGrant>;

export const UserGrants = z
  .object({ username: z.string(), mlflowAdmin: z.boolean(), grants: z.array(UserGrant) })
  .strict();
export type UserGrants = z.infer<typeof UserGrants>;
