/**
 * The team server's MLflow without Docker: the image's entrypoint (infrastructure/docker/mlflow/
 * entrypoint.py, used by docker-compose.yml and the AWS stack) run from the project's .venv against a
 * real PostgreSQL and moto's S3, as the container would run it. It must create the auth database and
 * the bucket, start MLflow with basic auth, store runs in PostgreSQL and artifacts in S3, and refuse a
 * bad configuration by naming every problem.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, venvBin } from "../../scripts/lib/paths";
import { freePort } from "../../scripts/lib/ports";
import { spawnManaged, waitForHttp, type ManagedProcess } from "../../scripts/lib/processes";
import { MOTO_CREDENTIALS, startMoto, type MotoServer } from "../support/moto";
import { startTestPostgres, type TestPostgres } from "../support/postgres";

const run = promisify(execFile);
const ENTRYPOINT = path.join(repoRoot, "infrastructure/docker/mlflow/entrypoint.py");
const ADMIN = { username: "admin", password: "team-admin-password-1" };
/** MLflow's database owner, with a password that needs escaping in a URL and in MLflow's ini file. */
const DB_USER = { name: "mlflow_team", password: "p@ss:w%rd/#1?" };

let postgres: TestPostgres;
let moto: MotoServer;
let mlflow: ManagedProcess | undefined;
let mlflowUrl: string;
let databaseUrl: string;

function containerEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const db = new URL(databaseUrl);
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MLFLOW_DB_HOST: db.hostname,
    MLFLOW_DB_PORT: db.port,
    MLFLOW_DB_NAME: db.pathname.slice(1),
    MLFLOW_DB_USER: decodeURIComponent(db.username),
    MLFLOW_DB_PASSWORD: decodeURIComponent(db.password),
    MLFLOW_ARTIFACTS_DESTINATION: "s3://mltrack-artifacts/artifacts",
    MLFLOW_ADMIN_USERNAME: ADMIN.username,
    MLFLOW_ADMIN_PASSWORD: ADMIN.password,
    MLFLOW_FLASK_SERVER_SECRET_KEY: "a-test-only-csrf-key-0123456789",
    MLFLOW_ALLOWED_HOSTS: "127.0.0.1,127.0.0.1:*",
    MLFLOW_DEFAULT_PERMISSION: "NO_PERMISSIONS",
    MLFLOW_HOST: "127.0.0.1",
    MLFLOW_WORKERS: "1",
    MLFLOW_CREATE_BUCKET: "true",
    MLFLOW_S3_ENDPOINT_URL: moto.url,
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: "us-east-1",
    ...overrides,
  };
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

beforeAll(async () => {
  [postgres, moto] = await Promise.all([startTestPostgres(), startMoto()]);
  const superuserUrl = await postgres.createDatabase("mlflow");
  const admin = new pg.Client({ connectionString: superuserUrl });
  await admin.connect();
  try {
    const password = DB_USER.password.replaceAll("'", "''");
    await admin.query(`CREATE ROLE ${DB_USER.name} LOGIN CREATEDB PASSWORD '${password}'`);
    await admin.query(`ALTER DATABASE mlflow OWNER TO ${DB_USER.name}`);
    await admin.query(`ALTER SCHEMA public OWNER TO ${DB_USER.name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(superuserUrl);
  url.username = DB_USER.name;
  url.password = encodeURIComponent(DB_USER.password);
  databaseUrl = url.toString();
  const port = await freePort();
  mlflow = spawnManaged("mlflow-image", venvBin("python"), [ENTRYPOINT], {
    env: containerEnv({ MLFLOW_PORT: String(port) }),
  });
  mlflowUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${mlflowUrl}/health`, mlflow, 150_000);
}, 240_000);

afterAll(async () => {
  await mlflow?.stop();
  await Promise.all([postgres?.stop(), moto?.stop()]);
});

describe("the MLflow image's entrypoint", () => {
  it("requires the admin's credentials and serves MLflow on PostgreSQL with artifacts in S3", async () => {
    const anonymous = await fetch(`${mlflowUrl}/api/2.0/mlflow/experiments/search?max_results=1`);
    expect(anonymous.status).toBe(401);

    const headers = { authorization: basic(ADMIN.username, ADMIN.password), "content-type": "application/json" };
    const created = await fetch(`${mlflowUrl}/api/2.0/mlflow/experiments/create`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "image-test" }),
    });
    expect(created.status).toBe(200);
    const { experiment_id: experimentId } = (await created.json()) as { experiment_id: string };

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const rows = await client.query<{ name: string; artifact_location: string }>(
        "SELECT name, artifact_location FROM experiments WHERE experiment_id = $1",
        [Number(experimentId)],
      );
      expect(rows.rows[0]?.name).toBe("image-test");
      const auth = await client.query("SELECT 1 FROM pg_database WHERE datname = 'mlflow_auth'");
      expect(auth.rowCount).toBe(1);
    } finally {
      await client.end();
    }

    // An artifact uploaded through MLflow's proxy lands in the bucket the entrypoint created.
    const upload = await fetch(`${mlflowUrl}/api/2.0/mlflow-artifacts/artifacts/${experimentId}/hello.txt`, {
      method: "PUT",
      headers: { authorization: headers.authorization },
      body: "hello from the team server",
    });
    expect(upload.status).toBe(200);
    const s3 = new S3Client({
      endpoint: moto.url,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: MOTO_CREDENTIALS,
    });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "mltrack-artifacts" }));
    expect(listed.Contents?.map((object) => object.Key)).toContain(`artifacts/${experimentId}/hello.txt`);
  });

  it("names every bad setting and starts nothing", async () => {
    const failure = await run(venvBin("python"), [ENTRYPOINT], {
      env: containerEnv({
        MLFLOW_ADMIN_PASSWORD: "pw-x7",
        MLFLOW_DEFAULT_PERMISSION: "ALL",
        MLFLOW_ALLOWED_HOSTS: "",
        MLFLOW_ARTIFACTS_DESTINATION: "artifacts",
      }),
    }).catch((err: { code: number; stderr: string }) => err);
    expect("code" in failure && failure.code).toBe(2);
    const stderr = "stderr" in failure ? failure.stderr : "";
    expect(stderr).toContain("MLFLOW_ALLOWED_HOSTS is not set");
    expect(stderr).toContain("MLFLOW_ADMIN_PASSWORD must have at least 12 characters");
    expect(stderr).toContain("MLFLOW_DEFAULT_PERMISSION must be one of");
    expect(stderr).toContain("MLFLOW_ARTIFACTS_DESTINATION must be a URI");
    expect(stderr).not.toContain("pw-x7");
  });

  it("prints its configuration without the secrets", async () => {
    const { stdout } = await run(venvBin("python"), [ENTRYPOINT, "--print-config"], { env: containerEnv() });
    expect(stdout).toContain("MLFLOW_AUTH_DB_NAME=mlflow_auth");
    expect(stdout).toContain("MLFLOW_ADMIN_PASSWORD=(set)");
    expect(stdout).not.toContain(ADMIN.password);
  });
});
