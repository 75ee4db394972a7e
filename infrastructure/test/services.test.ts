/**
 * The containers: configuration as plain environment, every secret through ECS `Secrets` from
 * Secrets Manager, images from the stack's repositories at the context tag, health checks, and
 * one log group with a retention per service. The UI's environment is checked against the UI's
 * own env schema, so a setting it would reject at start fails here.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Template } from "aws-cdk-lib/assertions";
import { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { serverEnvSchema, teamModeIssues } from "../../ui/lib/env";
import { repoRoot } from "../../scripts/lib/paths";
import { logicalIdAt, onlyResource, render, resourcesOf, SAMPLE_CONTEXT, synthesize } from "./synth";

interface Container {
  Name: string;
  Image: unknown;
  Environment?: { Name: string; Value: unknown }[];
  Secrets?: { Name: string; ValueFrom: unknown }[];
  HealthCheck?: { Command: string[]; Interval: number; Timeout: number; Retries: number; StartPeriod: number };
  LogConfiguration?: { LogDriver: string; Options: Record<string, unknown> };
}

let template: Template;
let containers: Record<string, Container>;
let secretResources: Set<string>;

const environment = (name: string) =>
  Object.fromEntries((containers[name]?.Environment ?? []).map((e) => [e.Name, render(e.Value)]));
const secrets = (name: string) =>
  Object.fromEntries((containers[name]?.Secrets ?? []).map((s) => [s.Name, render(s.ValueFrom)]));

beforeAll(() => {
  template = synthesize();
  containers = Object.fromEntries(
    Object.values(resourcesOf(template, "AWS::ECS::TaskDefinition")).flatMap((t) =>
      (t.Properties?.ContainerDefinitions as Container[]).map((c) => [c.Name, c]),
    ),
  );
  secretResources = new Set([
    ...Object.keys(resourcesOf(template, "AWS::SecretsManager::Secret")),
    ...Object.keys(resourcesOf(template, "AWS::SecretsManager::SecretTargetAttachment")),
  ]);
});

describe("secrets", () => {
  it("reach the containers only as ECS Secrets from Secrets Manager", () => {
    expect(Object.keys(containers).sort()).toEqual(["mlflow", "ui"]);
    for (const name of Object.keys(containers)) {
      const injected = Object.values(secrets(name));
      expect(injected.length).toBeGreaterThan(0);
      for (const valueFrom of injected) {
        const [, id] = /^\$\{([A-Za-z0-9]+)\}(:password::)?$/.exec(valueFrom) ?? [];
        expect(secretResources).toContain(id);
      }
    }
  });

  it("never appear in plain environment: no secret-like name, no secret reference", () => {
    for (const name of Object.keys(containers)) {
      for (const [key, value] of Object.entries(environment(name))) {
        expect(key).not.toMatch(/PASSWORD|SECRET|TOKEN|PRIVATE|_KEY$/);
        expect(value).not.toMatch(/resolve:secretsmanager/);
        for (const id of secretResources) expect(value).not.toContain(`\${${id}`);
      }
    }
  });
});

describe("the MLflow container", () => {
  it("gets exactly the image's env contract", () => {
    const [bucket] = onlyResource(template, "AWS::S3::Bucket");
    const [database] = onlyResource(template, "AWS::RDS::DBInstance");
    const [attachment] = onlyResource(template, "AWS::SecretsManager::SecretTargetAttachment");
    expect(environment("mlflow")).toEqual({
      MLFLOW_DB_HOST: `\${${database}.Endpoint.Address}`,
      MLFLOW_DB_PORT: "5432",
      MLFLOW_DB_NAME: "mlflow",
      MLFLOW_DB_USER: "mlflow",
      MLFLOW_DB_SSLMODE: "require",
      MLFLOW_ARTIFACTS_DESTINATION: `s3://\${${bucket}}/artifacts`,
      MLFLOW_ADMIN_USERNAME: "admin",
      MLFLOW_ALLOWED_HOSTS: "mlflow.mltrack.internal:5000,mlflow.mltrack.internal",
      AWS_DEFAULT_REGION: "${AWS::Region}",
    });
    expect(secrets("mlflow")).toEqual({
      MLFLOW_DB_PASSWORD: `\${${attachment}}:password::`,
      MLFLOW_ADMIN_PASSWORD: `\${${logicalIdAt(template, "AWS::SecretsManager::Secret", "/Secrets/MlflowAdminPassword/")}}`,
      MLFLOW_FLASK_SERVER_SECRET_KEY: `\${${logicalIdAt(template, "AWS::SecretsManager::Secret", "/Secrets/FlaskSecretKey/")}}`,
    });
  });

  it("satisfies the MLflow image's own entrypoint (its configuration check, run for real)", () => {
    const values = { ...environment("mlflow") };
    for (const name of Object.keys(secrets("mlflow"))) values[name] = randomBytes(24).toString("hex");
    const printed = execFileSync(
      path.join(repoRoot, ".venv/bin/python"),
      [path.join(repoRoot, "infrastructure/docker/mlflow/entrypoint.py"), "--print-config"],
      { env: { PATH: process.env.PATH, ...values }, encoding: "utf8" },
    );
    expect(printed).toContain("MLFLOW_DB_SSLMODE=require");
    expect(printed).toContain("MLFLOW_PORT=5000");
  });

  it("checks /health on port 5000 and allows for the first start's migrations", () => {
    const check = containers.mlflow?.HealthCheck;
    expect(check?.Command.join(" ")).toContain("http://127.0.0.1:5000/health");
    expect(check?.StartPeriod).toBeGreaterThanOrEqual(120);
  });
});

describe("the UI container", () => {
  it("runs in team mode behind one proxy, on MLflow's private name and the PostgreSQL auth store", () => {
    const [database] = onlyResource(template, "AWS::RDS::DBInstance");
    const [attachment] = onlyResource(template, "AWS::SecretsManager::SecretTargetAttachment");
    expect(environment("ui")).toMatchObject({
      MLTRACK_AUTH: "team",
      MLTRACK_HOST: "0.0.0.0",
      PORT: "3000",
      NEXTAUTH_URL: `https://${SAMPLE_CONTEXT.domainName}`,
      MLFLOW_TRACKING_URI: "http://mlflow.mltrack.internal:5000",
      MLFLOW_TRACKING_USERNAME: "admin",
      MLTRACK_AUTH_STORE_URL: `postgresql://mlflow@\${${database}.Endpoint.Address}:5432/mlflow?sslmode=no-verify`,
      MLTRACK_TRUSTED_PROXIES: "1",
    });
    expect(secrets("ui")).toEqual({
      NEXTAUTH_SECRET: `\${${logicalIdAt(template, "AWS::SecretsManager::Secret", "/Secrets/NextAuthSecret/")}}`,
      MLFLOW_TRACKING_PASSWORD: secrets("mlflow").MLFLOW_ADMIN_PASSWORD,
      PGPASSWORD: `\${${attachment}}:password::`,
    });
  });

  it("has an environment the UI itself accepts in team mode", () => {
    const values: Record<string, string> = { ...environment("ui") };
    // What Secrets Manager would inject: letters and digits of the generated lengths.
    const generated = (length: number) =>
      randomBytes(length).toString("base64url").replace(/[-_]/g, "a").slice(0, length);
    for (const [name, length] of [
      ["NEXTAUTH_SECRET", 64],
      ["MLFLOW_TRACKING_PASSWORD", 40],
      ["PGPASSWORD", 30],
    ] as const) {
      values[name] = generated(length);
    }
    const parsed = z.object(serverEnvSchema).parse(values);
    expect(teamModeIssues(parsed)).toEqual([]);
    expect(parsed.MLTRACK_AUTH).toBe("team");
  });

  it("checks /api/health on port 3000 with node (the image has no curl)", () => {
    const check = containers.ui?.HealthCheck;
    expect(check?.Command.slice(0, 2)).toEqual(["CMD", "node"]);
    expect(check?.Command.join(" ")).toContain("http://127.0.0.1:3000/api/health");
  });
});

describe("both services", () => {
  it("run the images of the MltrackRepositories stack's repositories at the context's tag", () => {
    for (const [name, repository] of [
      ["ui", "mltrack/ui"],
      ["mlflow", "mltrack/mlflow"],
    ] as const) {
      expect(render(containers[name]?.Image)).toBe(
        `\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.\${AWS::URLSuffix}/${repository}:${SAMPLE_CONTEXT.imageTag}`,
      );
    }
  });

  it("log to a log group of their own, each with a retention", () => {
    const groups = Object.values(containers).map((c) => {
      expect(c.LogConfiguration?.LogDriver).toBe("awslogs");
      return render(c.LogConfiguration?.Options["awslogs-group"]);
    });
    expect(new Set(groups).size).toBe(2);
    const logGroups = resourcesOf(template, "AWS::Logs::LogGroup");
    for (const group of groups) {
      const id = group.replace(/^\$\{(.*)\}$/, "$1");
      expect(logGroups[id]?.Properties?.RetentionInDays).toEqual(expect.any(Number));
    }
  });

  it("roll back a deployment that fails its health checks, and start the UI after MLflow", () => {
    const services = resourcesOf(template, "AWS::ECS::Service");
    for (const service of Object.values(services)) {
      expect(service.Properties?.DeploymentConfiguration).toMatchObject({
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      });
      expect(service.Properties?.LaunchType).toBe("FARGATE");
    }
    const ui = services[logicalIdAt(template, "AWS::ECS::Service", "/Services/UiService/")];
    expect(ui?.DependsOn).toContain(logicalIdAt(template, "AWS::ECS::Service", "/Services/MlflowService/"));
  });
});
