/**
 * Team mode's store on a real PostgreSQL: the same contract the SQLite store passes, plus what only
 * a shared server shows: instances starting together, MLflow's tables beside ours, restricted roles.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAuthStore } from "@/features/auth/server/store";
import { describeAuthStoreContract } from "@/features/auth/server/store/contract";
import { startTestPostgres, type TestPostgres } from "../support/postgres";

let server: TestPostgres;
let databases = 0;

beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await server?.stop();
});

const newDatabase = () => server.createDatabase(`auth_store_${++databases}`);

async function sql<Row extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describeAuthStoreContract("PostgreSQL", newDatabase);

describe("PostgreSQL auth store", () => {
  it("migrates a new database once when several UI instances open it at once", async () => {
    const url = await newDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openAuthStore(url)));
    try {
      expect(stores.map((store) => store.kind)).toEqual(["postgres", "postgres", "postgres", "postgres"]);
      const versions = await sql<{ version: number }>(url, "SELECT version FROM mltrack.schema_version");
      expect(versions).toEqual([{ version: 1 }]);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it("keeps its tables in the mltrack schema, beside MLflow's own users table", async () => {
    const url = await newDatabase();
    // MLflow's basic-auth app, in the same database, has a `users` table.
    await sql(url, "CREATE TABLE public.users (id SERIAL PRIMARY KEY, username VARCHAR(255), password_hash TEXT)");
    await sql(url, "INSERT INTO public.users (username, password_hash) VALUES ('admin', 'pbkdf2:x')");
    const store = await openAuthStore(url);
    try {
      await store.insertUser({
        name: "admin",
        role: "admin",
        source: "mlflow",
        githubId: null,
        githubLogin: null,
        sealedPassword: null,
        createdAt: Date.UTC(2026, 11, 1),
      });
    } finally {
      await store.close();
    }
    const tables = await sql<{ table_schema: string; table_name: string }>(
      url,
      `SELECT table_schema, table_name FROM information_schema.tables
       WHERE table_schema IN ('mltrack', 'public') ORDER BY table_schema, table_name`,
    );
    expect(tables).toEqual([
      { table_schema: "mltrack", table_name: "api_tokens" },
      { table_schema: "mltrack", table_name: "login_failures" },
      { table_schema: "mltrack", table_name: "schema_version" },
      { table_schema: "mltrack", table_name: "users" },
      { table_schema: "public", table_name: "users" },
    ]);
    expect(await sql(url, "SELECT username, password_hash FROM public.users")).toEqual([
      { username: "admin", password_hash: "pbkdf2:x" },
    ]);
    const timestamps = await sql<{ table_name: string; column_name: string; data_type: string }>(
      url,
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'mltrack' AND column_name LIKE '%_at' AND table_name <> 'schema_version'
       ORDER BY table_name, column_name`,
    );
    expect(timestamps.length).toBeGreaterThan(0);
    expect(new Set(timestamps.map((column) => column.data_type))).toEqual(new Set(["bigint"]));
  });

  it("serves a role that may use the migrated tables but create nothing", async () => {
    const url = await newDatabase();
    await (await openAuthStore(url)).close();
    const password = "ui-role-password-0123";
    await sql(url, `CREATE ROLE ui_app LOGIN PASSWORD '${password}'`);
    await sql(url, "GRANT USAGE ON SCHEMA mltrack TO ui_app");
    await sql(url, "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA mltrack TO ui_app");
    const parsed = new URL(url);
    parsed.username = "ui_app";
    parsed.password = password;
    expect(await sql(parsed.toString(), "SELECT has_database_privilege(current_database(), 'CREATE') AS c")).toEqual([
      { c: false },
    ]);
    const store = await openAuthStore(parsed.toString());
    try {
      await store.recordLoginFailure("ip:10.0.0.1", 1);
      expect(await store.countLoginFailures("ip:10.0.0.1", 0)).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("refuses a wrong password without repeating it", async () => {
    const parsed = new URL(await newDatabase());
    parsed.password = "not-the-password-42";
    const error = await openAuthStore(parsed.toString()).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(error?.message).toMatch(/password authentication failed/);
    expect(error?.message).toContain(`postgresql://***@127.0.0.1:${parsed.port}/`);
    expect(error?.message).not.toContain("not-the-password-42");
  });
});
