/**
 * The auth store's tables, the same for SQLite and PostgreSQL: one list of versioned migrations in SQL
 * both accept (PostgreSQL runs them with `search_path` set to its own `mltrack` schema), and the row
 * shapes both read back. A change to the schema is a new entry at the end of MIGRATIONS; an applied
 * entry never changes.
 */
import "server-only";
import type { Role, StoredApiToken, UserRecord } from "./types";

export interface Migration {
  version: number;
  statements: readonly string[];
}

/** Applied versions, one row each: `MAX(version)` is the schema's version. */
export const SCHEMA_VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER NOT NULL PRIMARY KEY,
  applied_at BIGINT NOT NULL
)`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      // Plain CREATE TABLE: a foreign table of the same name fails the migration instead of being reused.
      `CREATE TABLE users (
        name TEXT NOT NULL PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'deployer', 'admin')),
        source TEXT NOT NULL CHECK (source IN ('mlflow', 'github')),
        github_id TEXT UNIQUE,
        github_login TEXT,
        sealed_password TEXT,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE api_tokens (
        id TEXT NOT NULL PRIMARY KEY,
        hash TEXT NOT NULL,
        user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
        label TEXT NOT NULL,
        sealed_password TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT,
        revoked_at BIGINT,
        last_used_at BIGINT
      )`,
      `CREATE INDEX api_tokens_user_created ON api_tokens (user_name, created_at)`,
      `CREATE TABLE login_failures (
        throttle_key TEXT NOT NULL,
        failed_at BIGINT NOT NULL
      )`,
      `CREATE INDEX login_failures_key_time ON login_failures (throttle_key, failed_at)`,
      `CREATE INDEX login_failures_time ON login_failures (failed_at)`,
    ],
  },
];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** The migrations a store at `current` still needs; refuses a store a newer MLTrack has migrated. */
export function pendingMigrations(current: number): readonly Migration[] {
  if (current > LATEST_VERSION) {
    throw new Error(
      `The auth store's schema is at version ${current}, newer than this MLTrack knows (${LATEST_VERSION}): upgrade MLTrack.`,
    );
  }
  return MIGRATIONS.filter((migration) => migration.version > current);
}

/** PostgreSQL returns BIGINT as text; SQLite as a number. */
type Int = number | string;

export interface UserRow {
  name: string;
  role: string;
  source: string;
  github_id: string | null;
  github_login: string | null;
  sealed_password: string | null;
  created_at: Int;
}

export interface ApiTokenRow {
  id: string;
  hash: string;
  user_name: string;
  label: string;
  sealed_password: string;
  created_at: Int;
  expires_at: Int | null;
  revoked_at: Int | null;
  last_used_at: Int | null;
}

const orNull = (value: Int | null): number | null => (value === null ? null : Number(value));

export function toUserRecord(row: UserRow): UserRecord {
  return {
    name: row.name,
    // The CHECK constraints hold these to the union types.
    role: row.role as Role,
    source: row.source as UserRecord["source"],
    githubId: row.github_id,
    githubLogin: row.github_login,
    sealedPassword: row.sealed_password,
    createdAt: Number(row.created_at),
  };
}

export function toStoredApiToken(row: ApiTokenRow): StoredApiToken {
  return {
    id: row.id,
    hash: row.hash,
    userName: row.user_name,
    label: row.label,
    sealedPassword: row.sealed_password,
    createdAt: Number(row.created_at),
    expiresAt: orNull(row.expires_at),
    revokedAt: orNull(row.revoked_at),
    lastUsedAt: orNull(row.last_used_at),
  };
}

/** Parameters of an INSERT INTO users, in column order. */
export function userValues(user: UserRecord): (string | number | null)[] {
  return [user.name, user.role, user.source, user.githubId, user.githubLogin, user.sealedPassword, user.createdAt];
}

export function apiTokenValues(token: StoredApiToken): (string | number | null)[] {
  return [
    token.id,
    token.hash,
    token.userName,
    token.label,
    token.sealedPassword,
    token.createdAt,
    token.expiresAt,
    token.revokedAt,
    token.lastUsedAt,
  ];
}

export const USER_COLUMNS = "name, role, source, github_id, github_login, sealed_password, created_at";
export const API_TOKEN_COLUMNS =
  "id, hash, user_name, label, sealed_password, created_at, expires_at, revoked_at, last_used_at";
