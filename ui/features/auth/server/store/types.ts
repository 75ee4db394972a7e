/**
 * Team mode's own state, in a store every UI instance shares: SQLite on a single machine, the
 * PostgreSQL a team server already runs for MLflow otherwise. It holds what MLflow has no place for:
 * each user's MLTrack role, the MLflow password of users MLTrack provisioned (sealed), personal API
 * tokens (hashes only) and failed sign-ins for throttling. MLflow stays the source of truth for users,
 * their admin flag and their permissions.
 */
import type { ApiTokenRecord } from "../../api-tokens";
import type { Role } from "../../roles";

export { ROLES, type Role } from "../../roles";

export interface UserRecord {
  /** The MLflow username. */
  name: string;
  role: Role;
  /** `mlflow`: signs in with their MLflow password; `github`: MLTrack provisioned their MLflow account. */
  source: "mlflow" | "github";
  /** GitHub's numeric user id (stable across renames), for `github` users. */
  githubId: string | null;
  githubLogin: string | null;
  /** `github` users: their random MLflow password, sealed with the server key (seal.ts). */
  sealedPassword: string | null;
  createdAt: number;
}

/** A personal API token as stored: its hash, and the owner's MLflow password sealed under the token itself. */
export interface StoredApiToken extends ApiTokenRecord {
  sealedPassword: string;
}

export interface AuthStore {
  readonly kind: "sqlite" | "postgres";

  getUser(name: string): Promise<UserRecord | null>;
  getUserByGithubId(githubId: string): Promise<UserRecord | null>;
  /** Inserts the user unless one of that name exists; returns the stored row either way. */
  insertUser(user: UserRecord): Promise<UserRecord>;
  /** False when there is no such user. */
  setRole(name: string, role: Role): Promise<boolean>;
  /** Removes the user and all their tokens. */
  deleteUser(name: string): Promise<void>;
  /** By name. */
  listUsers(): Promise<UserRecord[]>;

  insertApiToken(token: StoredApiToken): Promise<void>;
  getApiToken(id: string): Promise<StoredApiToken | null>;
  /** The user's tokens, newest first, revoked ones included. */
  listApiTokens(userName: string): Promise<StoredApiToken[]>;
  /** False when the token is not the user's or was already revoked. */
  revokeApiToken(id: string, userName: string, now: number): Promise<boolean>;
  touchApiToken(id: string, now: number): Promise<void>;

  /** Failed sign-ins, counted per key ("user+ip", "ip") inside a window. */
  recordLoginFailure(key: string, now: number): Promise<void>;
  /** Failures at or after `since`. */
  countLoginFailures(key: string, since: number): Promise<number>;
  /**
   * When the key's failure number `index` (0: the oldest) at or after `since` happened; null when there
   * are not that many. The throttle's Retry-After: when enough failures have left the window.
   */
  loginFailureTime(key: string, since: number, index: number): Promise<number | null>;
  clearLoginFailures(key: string): Promise<void>;
  /** Drops failures older than `before`. */
  pruneLoginFailures(before: number): Promise<void>;

  close(): Promise<void>;
}
