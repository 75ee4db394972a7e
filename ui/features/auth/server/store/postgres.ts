/**
 * The auth store in the PostgreSQL a team server already runs for MLflow. Its tables live in their
 * own schema, `mltrack`, so they never meet MLflow's (MLflow's auth app has a `users` table too).
 * Every query is parameterised; the only names in the SQL are constants of this file.
 */
import "server-only";
import pg from "pg";
import { log } from "@/lib/log";
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

export const PG_SCHEMA = "mltrack";
/** Held for a migration, so UI instances starting together migrate one after the other ("mltrack" in ASCII). */
const MIGRATION_LOCK = "30802210880184683";
const POOL_MAX = 4;

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [MIGRATION_LOCK]);
    // Created only when missing (IF NOT EXISTS checks the privilege first): a role that may only use
    // tables an owner migrated for it opens an up-to-date store too.
    const { rows: found } = await client.query<{ has_schema: boolean; has_table: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS has_schema,
              to_regclass($2) IS NOT NULL AS has_table`,
      [PG_SCHEMA, `${PG_SCHEMA}.schema_version`],
    );
    if (!found[0]?.has_schema) await client.query(`CREATE SCHEMA ${PG_SCHEMA}`);
    // The migrations' unqualified names land in the schema, for this transaction only.
    await client.query(`SET LOCAL search_path TO ${PG_SCHEMA}`);
    if (!found[0]?.has_table) await client.query(SCHEMA_VERSION_TABLE);
    const { rows } = await client.query<{ version: number }>(
      "SELECT COALESCE(MAX(version), 0) AS version FROM schema_version",
    );
    for (const migration of pendingMigrations(rows[0]?.version ?? 0)) {
      for (const statement of migration.statements) await client.query(statement);
      await client.query("INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)", [
        migration.version,
        Date.now(),
      ]);
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Connects to `url`, creates the `mltrack` schema if missing and migrates it. */
export async function openPostgresAuthStore(url: string): Promise<AuthStore> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_MAX, idleTimeoutMillis: 30_000 });
  // An idle connection that drops (a database restart) must not take the UI process down with it.
  pool.on("error", (err) => log("warn", "auth store: idle PostgreSQL connection failed", { error: err.message }));
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }

  const users = `${PG_SCHEMA}.users`;
  const tokens = `${PG_SCHEMA}.api_tokens`;
  const failures = `${PG_SCHEMA}.login_failures`;
  const query = <Row extends pg.QueryResultRow>(text: string, values: unknown[]) => pool.query<Row>(text, values);
  const one = async <Row extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    (await query<Row>(text, values)).rows[0] ?? null;

  const getUser = (name: string) => one<UserRow>(`SELECT ${USER_COLUMNS} FROM ${users} WHERE name = $1`, [name]);

  return {
    kind: "postgres",

    async getUser(name) {
      const row = await getUser(name);
      return row ? toUserRecord(row) : null;
    },
    async getUserByGithubId(githubId) {
      const row = await one<UserRow>(`SELECT ${USER_COLUMNS} FROM ${users} WHERE github_id = $1`, [githubId]);
      return row ? toUserRecord(row) : null;
    },
    async insertUser(user) {
      await query(
        `INSERT INTO ${users} (${USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING`,
        userValues(user),
      );
      const row = await getUser(user.name);
      if (!row) throw new Error(`User ${user.name} was neither inserted nor found.`);
      return toUserRecord(row);
    },
    async setRole(name, role) {
      const result = await query(`UPDATE ${users} SET role = $1 WHERE name = $2`, [role, name]);
      return (result.rowCount ?? 0) > 0;
    },
    async deleteUser(name) {
      // The user's tokens go with it (ON DELETE CASCADE), in the same statement.
      await query(`DELETE FROM ${users} WHERE name = $1`, [name]);
    },
    async listUsers() {
      // Byte order, as SQLite sorts, whatever the database's collation.
      const { rows } = await query<UserRow>(`SELECT ${USER_COLUMNS} FROM ${users} ORDER BY name COLLATE "C"`, []);
      return rows.map(toUserRecord);
    },

    async insertApiToken(token) {
      await query(
        `INSERT INTO ${tokens} (${API_TOKEN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        apiTokenValues(token),
      );
    },
    async getApiToken(id) {
      const row = await one<ApiTokenRow>(`SELECT ${API_TOKEN_COLUMNS} FROM ${tokens} WHERE id = $1`, [id]);
      return row ? toStoredApiToken(row) : null;
    },
    async listApiTokens(userName) {
      const { rows } = await query<ApiTokenRow>(
        `SELECT ${API_TOKEN_COLUMNS} FROM ${tokens} WHERE user_name = $1 ORDER BY created_at DESC, id COLLATE "C" DESC`,
        [userName],
      );
      return rows.map(toStoredApiToken);
    },
    async revokeApiToken(id, userName, now) {
      const result = await query(
        `UPDATE ${tokens} SET revoked_at = $1 WHERE id = $2 AND user_name = $3 AND revoked_at IS NULL`,
        [now, id, userName],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async touchApiToken(id, now) {
      // Never backwards: two instances may touch the same token out of order.
      await query(
        `UPDATE ${tokens} SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $1)`,
        [now, id],
      );
    },

    async recordLoginFailure(key, now) {
      await query(`INSERT INTO ${failures} (throttle_key, failed_at) VALUES ($1, $2)`, [key, now]);
    },
    async countLoginFailures(key, since) {
      const row = await one<{ count: string }>(
        `SELECT COUNT(*) AS count FROM ${failures} WHERE throttle_key = $1 AND failed_at >= $2`,
        [key, since],
      );
      return Number(row?.count ?? 0);
    },
    async loginFailureTime(key, since, index) {
      const row = await one<{ failed_at: string }>(
        `SELECT failed_at FROM ${failures} WHERE throttle_key = $1 AND failed_at >= $2
         ORDER BY failed_at LIMIT 1 OFFSET $3`,
        [key, since, index],
      );
      return row ? Number(row.failed_at) : null;
    },
    async clearLoginFailures(key) {
      await query(`DELETE FROM ${failures} WHERE throttle_key = $1`, [key]);
    },
    async pruneLoginFailures(before) {
      await query(`DELETE FROM ${failures} WHERE failed_at < $1`, [before]);
    },

    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}
