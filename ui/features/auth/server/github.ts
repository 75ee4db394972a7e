/**
 * GitHub sign-in: who may come in (configured logins, or active members of one organisation), and a
 * first sign-in's MLflow account. MLflow's basic-auth app is where passwords and permissions live, so a
 * GitHub user gets a real MLflow user of their login's name with a random password that only MLTrack
 * knows, sealed with the server key in the auth store.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { MlflowError, type MlflowClient } from "mltrack-sdk/mlflow";
import { openWith, sealWith, serverKey } from "./seal";
import type { AuthStore } from "./store/types";

export interface GithubProfile {
  id: number | string;
  login: string;
}

export interface GithubAccess {
  allowedUsers: readonly string[];
  allowedOrg: string | undefined;
  /** GitHub's REST API: https://api.github.com, or <server>/api/v3 on GitHub Enterprise. */
  apiUrl: string;
  fetch?: typeof fetch;
}

export function githubApiUrl(githubUrl: string): string {
  const base = githubUrl.replace(/\/+$/, "");
  return base === "https://github.com" ? "https://api.github.com" : `${base}/api/v3`;
}

/** Whether this GitHub user may sign in: a listed login, or an active member of the organisation. */
export async function isAllowedGithubUser(
  profile: GithubProfile,
  accessToken: string | undefined,
  access: GithubAccess,
): Promise<boolean> {
  if (access.allowedUsers.includes(profile.login.toLowerCase())) return true;
  if (!access.allowedOrg || !accessToken) return false;
  const response = await (access.fetch ?? fetch)(
    `${access.apiUrl}/user/memberships/orgs/${encodeURIComponent(access.allowedOrg)}`,
    {
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: "application/vnd.github+json",
        "user-agent": "mltrack",
      },
      signal: AbortSignal.timeout(10_000),
    },
  );
  if (!response.ok) return false;
  const membership = (await response.json().catch(() => null)) as { state?: unknown } | null;
  return membership?.state === "active";
}

const PASSWORD_PURPOSE = "github-user-mlflow-password";

export class GithubProvisioningError extends Error {
  override readonly name = "GithubProvisioningError";
}

/**
 * The MLflow credentials of a GitHub user: their account's, or a new account's on first sign-in
 * (created with MLTrack's own admin client). A login that already names an MLflow user MLTrack did not
 * create is refused rather than taken over.
 */
export async function githubUserCredentials(
  profile: GithubProfile,
  deps: { store: AuthStore; service: MlflowClient; secret: string; defaultRole: "viewer" | "editor" | "deployer" },
): Promise<{ username: string; password: string }> {
  const key = serverKey(deps.secret, PASSWORD_PURPOSE);
  const githubId = String(profile.id);
  const known = await deps.store.getUserByGithubId(githubId);
  if (known?.sealedPassword) return { username: known.name, password: openWith(key, known.sealedPassword) };

  const username = profile.login;
  const password = randomBytes(24).toString("base64url");
  try {
    await deps.service.users.create({ username, password });
  } catch (err) {
    if (err instanceof MlflowError && err.errorCode === "RESOURCE_ALREADY_EXISTS") {
      // Another instance may have provisioned them a moment ago.
      const raced = await deps.store.getUserByGithubId(githubId);
      if (raced?.sealedPassword) return { username: raced.name, password: openWith(key, raced.sealedPassword) };
      throw new GithubProvisioningError(
        `An MLflow user named ${username} already exists and was not created for this GitHub account; an admin must resolve it`,
      );
    }
    throw err;
  }
  try {
    await deps.store.insertUser({
      name: username,
      role: deps.defaultRole,
      source: "github",
      githubId,
      githubLogin: profile.login,
      sealedPassword: sealWith(key, password),
      createdAt: Date.now(),
    });
  } catch (err) {
    // Without the stored password the account could never be used: take it back out of MLflow.
    await deps.service.users.delete({ username }).catch(() => undefined);
    throw err;
  }
  return { username, password };
}
