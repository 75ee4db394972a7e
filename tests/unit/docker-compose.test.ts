/**
 * docker-compose.yml, ui/Dockerfile and the MLflow image, checked without a Docker engine: the file is
 * parsed and held to the rules a team server needs (health checks and the order they gate, named
 * volumes, loopback-bound ports, secrets without defaults, the MLflow entrypoint's required settings,
 * non-root images). Where Docker's compose plugin exists, `docker compose config` validates it too.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { serverEnvSchema } from "../../ui/lib/env";

const root = path.join(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const composeText = read("docker-compose.yml");

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
const compose = parse(composeText) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;

/** Every `${NAME...}` interpolation in the file, with what follows the name (`:?msg`, `:-default`, ``). */
const interpolations = [...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)([^}]*)\}/g)].map((m) => ({
  name: m[1] as string,
  rest: m[2] as string,
}));
const SECRET = /PASSWORD|SECRET|TOKEN|ACCESS_KEY/;

const composeAvailable = (() => {
  try {
    execFileSync("docker", ["compose", "version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("docker-compose.yml", () => {
  it("runs PostgreSQL, MinIO, MLflow and the UI, each with a health check", () => {
    expect(Object.keys(services).sort()).toEqual(["minio", "mlflow", "postgres", "ui"]);
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.test?.[0], `${name} has a health check`).toBe("CMD");
    }
  });

  it("starts each service only once what it needs is healthy", () => {
    expect(services.mlflow?.depends_on).toEqual({
      postgres: { condition: "service_healthy" },
      minio: { condition: "service_healthy" },
    });
    expect(services.ui?.depends_on).toEqual({ mlflow: { condition: "service_healthy" } });
  });

  it("keeps data in named volumes, declared at the top level", () => {
    const mounts = Object.values(services).flatMap((service) => service.volumes ?? []);
    expect(mounts.length).toBeGreaterThanOrEqual(3);
    for (const mount of mounts) {
      const source = mount.split(":")[0] as string;
      expect(source, `${mount} is a named volume, not a host path`).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(compose.volumes).toHaveProperty(source);
    }
    expect(services.postgres?.volumes).toContain("postgres-data:/var/lib/postgresql/data");
    expect(services.minio?.volumes).toContain("minio-data:/data");
  });

  it("binds every published port to 127.0.0.1 unless MLTRACK_BIND says otherwise", () => {
    const ports = Object.values(services).flatMap((service) => service.ports ?? []);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port).toMatch(/^\$\{MLTRACK_BIND:-127\.0\.0\.1\}:/);
    // PostgreSQL and MinIO's S3 API are reachable only inside the compose network.
    expect(services.postgres?.ports).toBeUndefined();
    expect(services.minio?.ports?.join()).not.toContain(":9000");
  });

  it("gives no secret a default: each is required (compose refuses to start) or empty", () => {
    const secrets = interpolations.filter(({ name }) => SECRET.test(name));
    expect(secrets.map(({ name }) => name)).toEqual(
      expect.arrayContaining(["POSTGRES_PASSWORD", "MINIO_ROOT_PASSWORD", "MLFLOW_ADMIN_PASSWORD", "NEXTAUTH_SECRET"]),
    );
    for (const { name, rest } of secrets) {
      expect(rest === ":-" || rest.startsWith(":?"), `\${${name}${rest}}`).toBe(true);
    }
    // And no secret is written into the file as a literal value.
    for (const service of Object.values(services)) {
      for (const [name, value] of Object.entries(service.environment ?? {})) {
        if (SECRET.test(name)) expect(String(value), name).toMatch(/^\$\{/);
      }
    }
  });

  it("documents every variable it reads in .env.example", () => {
    const example = read(".env.example");
    for (const { name } of interpolations) expect(example, name).toMatch(new RegExp(`^# ${name}=`, "m"));
  });

  it("gives MLflow every setting its image's entrypoint requires", () => {
    const entrypoint = read("infrastructure/docker/mlflow/entrypoint.py");
    const required = [...(/REQUIRED = \(([^)]*)\)/.exec(entrypoint)?.[1] ?? "").matchAll(/"([A-Z_]+)"/g)].map(
      (m) => m[1] as string,
    );
    expect(required.length).toBeGreaterThan(5);
    for (const name of required) expect(services.mlflow?.environment, name).toHaveProperty(name);
    expect(services.mlflow?.build?.dockerfile).toBe("infrastructure/docker/mlflow/Dockerfile");
  });

  it("runs the UI in team mode, against MLflow in the network, with settings the UI knows", () => {
    const env = services.ui?.environment ?? {};
    expect(env.MLTRACK_AUTH).toBe("team");
    expect(env.MLFLOW_TRACKING_URI).toBe("http://mlflow:5000");
    expect(env.MLTRACK_AUTH_STORE_URL).toMatch(
      /^postgresql:\/\/mlflow:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/mlflow$/,
    );
    const known = new Set([...Object.keys(serverEnvSchema), "AWS_REGION"]);
    for (const name of Object.keys(env)) expect(known.has(name), `${name} is a UI setting`).toBe(true);
    expect(services.ui?.build?.dockerfile).toBe("ui/Dockerfile");
  });

  it.skipIf(!composeAvailable)("is valid for docker compose", () => {
    const env = {
      ...process.env,
      POSTGRES_PASSWORD: "x",
      MINIO_ROOT_PASSWORD: "x",
      MLFLOW_ADMIN_PASSWORD: "x",
      MLFLOW_FLASK_SERVER_SECRET_KEY: "x",
      NEXTAUTH_SECRET: "x",
    };
    execFileSync("docker", ["compose", "-f", path.join(root, "docker-compose.yml"), "config", "--quiet"], { env });
  });
});

/** The last stage of a Dockerfile: the image that runs. */
function finalStage(dockerfile: string): string {
  return dockerfile.split(/^FROM /m).at(-1) ?? "";
}

describe("the images", () => {
  it("the UI runs the assembled standalone server as a non-root user, with a health check", () => {
    const dockerfile = read("ui/Dockerfile");
    expect(dockerfile).toContain("scripts/assemble-standalone.sh /app");
    const stage = finalStage(dockerfile);
    expect(stage).toMatch(/^USER node$/m);
    expect(stage).toMatch(/^HEALTHCHECK .*\n.*\/api\/health/m);
    expect(stage).toMatch(/^CMD \["node", "ui\/dist\/server\.js"\]$/m);
    // The server listens beyond the container's loopback, which only team mode allows.
    expect(stage).toContain("MLTRACK_HOST=0.0.0.0");
  });

  it("MLflow runs its entrypoint as a non-root user, with a health check", () => {
    const stage = finalStage(read("infrastructure/docker/mlflow/Dockerfile"));
    expect(stage).toMatch(/^USER 10001$/m);
    expect(stage).toMatch(/^HEALTHCHECK /m);
    expect(stage).toContain('ENTRYPOINT ["/opt/mltrack/.venv/bin/python", "/opt/mltrack/entrypoint.py"]');
  });

  it("the build context leaves out local data, builds, virtualenvs and secrets", () => {
    const ignored = read(".dockerignore").split("\n");
    for (const entry of ["**/node_modules", ".venv", ".mltrack", ".env", ".git"]) expect(ignored).toContain(entry);
  });
});
