/**
 * The auth store in a SQLite file of its own, for a team server on one machine. better-sqlite3 is
 * synchronous; each call is short and indexed, so the async interface simply wraps it. WAL lets
 * several UI processes on the machine read while one writes; busy_timeout makes a writer wait its turn.
 */
import "server-only";
import Database from "better-sqlite3";
import {
  API_TOKEN_COLUMNS,
  apiTokenValues,
  pendingMigrations,
  SCHEMA_VERSION_TABLE,
  toStoredApiToken,
  toUserRecord,
  USER_COLUMNS,
  userValues,
  type ApiTokenRow,
  type UserRow,
} from "./schema";
import type { AuthStore } from "./types";

const BUSY_TIMEOUT_MS = 5_000;

function migrate(db: Database.Database): void {
  // IMMEDIATE takes the write lock before reading the version: two processes opening a new file at
  // once apply each migration once.
  db.transaction(() => {
    db.exec(SCHEMA_VERSION_TABLE);
    const { version } = db.prepare("SELECT COALESCE(MAX(version), 0) AS version FROM schema_version").get() as {
      version: number;
    };
    for (const migration of pendingMigrations(version)) {
      for (const statement of migration.statements) db.exec(statement);
      db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)").run(migration.version, Date.now());
    }
  }).immediate();
}

/** Opens (creating if missing) and migrates the SQLite file at `file`. */
export function openSqliteAuthStore(file: string): AuthStore {
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }

  const statements = {
    getUser: db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE name = ?`),
    getUserByGithubId: db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE github_id = ?`),
    insertUser: db.prepare(
      `INSERT INTO users (${USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`,
    ),
    setRole: db.prepare<[string, string]>("UPDATE users SET role = ? WHERE name = ?"),
    deleteUser: db.prepare<[string]>("DELETE FROM users WHERE name = ?"),
    listUsers: db.prepare<[], UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY name`),
    insertApiToken: db.prepare(`INSERT INTO api_tokens (${API_TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    getApiToken: db.prepare<[string], ApiTokenRow>(`SELECT ${API_TOKEN_COLUMNS} FROM api_tokens WHERE id = ?`),
    listApiTokens: db.prepare<[string], ApiTokenRow>(
      `SELECT ${API_TOKEN_COLUMNS} FROM api_tokens WHERE user_name = ? ORDER BY created_at DESC, id DESC`,
    ),
    revokeApiToken: db.prepare<[number, string, string]>(
      "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_name = ? AND revoked_at IS NULL",
    ),
    // Never backwards: two instances may touch the same token out of order.
    touchApiToken: db.prepare<[number, string, number]>(
      "UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
    ),
    recordLoginFailure: db.prepare<[string, number]>(
      "INSERT INTO login_failures (throttle_key, failed_at) VALUES (?, ?)",
    ),
    countLoginFailures: db.prepare<[string, number], { count: number }>(
      "SELECT COUNT(*) AS count FROM login_failures WHERE throttle_key = ? AND failed_at >= ?",
    ),
    loginFailureTime: db.prepare<[string, number, number], { failed_at: number }>(
      `SELECT failed_at FROM login_failures WHERE throttle_key = ? AND failed_at >= ?
       ORDER BY failed_at LIMIT 1 OFFSET ?`,
    ),
    clearLoginFailures: db.prepare<[string]>("DELETE FROM login_failures WHERE throttle_key = ?"),
    pruneLoginFailures: db.prepare<[number]>("DELETE FROM login_failures WHERE failed_at < ?"),
  };

  return {
    kind: "sqlite",

    async getUser(name) {
      const row = statements.getUser.get(name);
      return row ? toUserRecord(row) : null;
    },
    async getUserByGithubId(githubId) {
      const row = statements.getUserByGithubId.get(githubId);
      return row ? toUserRecord(row) : null;
    },
    async insertUser(user) {
      const row = db.transaction(() => {
        statements.insertUser.run(...userValues(user));
        return statements.getUser.get(user.name);
      })();
      if (!row) throw new Error(`User ${user.name} was neither inserted nor found.`);
      return toUserRecord(row);
    },
    async setRole(name, role) {
      return statements.setRole.run(role, name).changes > 0;
    },
    async deleteUser(name) {
      // The user's tokens go with it (ON DELETE CASCADE).
      statements.deleteUser.run(name);
    },
    async listUsers() {
      return statements.listUsers.all().map(toUserRecord);
    },

    async insertApiToken(token) {
      statements.insertApiToken.run(...apiTokenValues(token));
    },
    async getApiToken(id) {
      const row = statements.getApiToken.get(id);
      return row ? toStoredApiToken(row) : null;
    },
    async listApiTokens(userName) {
      return statements.listApiTokens.all(userName).map(toStoredApiToken);
    },
    async revokeApiToken(id, userName, now) {
      return statements.revokeApiToken.run(now, id, userName).changes > 0;
    },
    async touchApiToken(id, now) {
      statements.touchApiToken.run(now, id, now);
    },

    async recordLoginFailure(key, now) {
      statements.recordLoginFailure.run(key, now);
    },
    async countLoginFailures(key, since) {
      return statements.countLoginFailures.get(key, since)?.count ?? 0;
    },
    async loginFailureTime(key, since, index) {
      return statements.loginFailureTime.get(key, since, index)?.failed_at ?? null;
    },
    async clearLoginFailures(key) {
      statements.clearLoginFailures.run(key);
    },
    async pruneLoginFailures(before) {
      statements.pruneLoginFailures.run(before);
    },

    async close() {
      if (db.open) db.close();
    },
  };
}
