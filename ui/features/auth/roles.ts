/**
 * MLTrack's roles, for what MLflow's per-resource permissions do not cover. Each role includes the
 * ones before it; MLflow still decides, per experiment and registered model, what a user may read
 * and change. Client-safe: the UI hides what a role cannot do, and every route refuses it anyway.
 */
export const ROLES = ["viewer", "editor", "deployer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "Browses what MLflow lets them read; changes nothing",
  editor: "Also logs runs, edits experiments, runs and registered models where MLflow allows",
  deployer: "Also deploys and undeploys model versions",
  admin: "Also manages users, roles and permissions (an MLflow admin)",
};

export function hasRole(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** What the signed-in person is, as the browser may know it (never credentials). */
export interface Viewer {
  mode: "local" | "team";
  name: string;
  role: Role;
}
