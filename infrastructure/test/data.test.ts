/** What outlives a deploy is encrypted, private and retained: RDS, the bucket, the secrets, ECR. */
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { logicalIdAt, onlyResource, render, resourcesOf, synthesizeApp, type Resource } from "./synth";

let template: Template;
let repositoriesTemplate: Template;
beforeAll(() => {
  ({ mltrack: template, repositories: repositoriesTemplate } = synthesizeApp());
});

describe("RDS PostgreSQL", () => {
  let database: Resource;
  beforeAll(() => {
    [, database] = onlyResource(template, "AWS::RDS::DBInstance");
  });

  it("is PostgreSQL 16, encrypted, private, protected and backed up for 7 days", () => {
    expect(database.Properties).toMatchObject({
      Engine: "postgres",
      EngineVersion: "16",
      StorageEncrypted: true,
      PubliclyAccessible: false,
      DeletionProtection: true,
      BackupRetentionPeriod: 7,
    });
  });

  it("leaves a snapshot when deleted or replaced", () => {
    expect(database.DeletionPolicy).toBe("Snapshot");
    expect(database.UpdateReplacePolicy).toBe("Snapshot");
  });

  it("lives in the isolated subnets (no route to the internet)", () => {
    const [, subnetGroup] = onlyResource(template, "AWS::RDS::DBSubnetGroup");
    const subnetIds = (subnetGroup.Properties?.SubnetIds as unknown[]).map(render);
    expect(subnetIds).toHaveLength(2);
    const routes = Object.values(resourcesOf(template, "AWS::EC2::Route"));
    const associations = Object.values(resourcesOf(template, "AWS::EC2::SubnetRouteTableAssociation"));
    for (const subnet of subnetIds) {
      const table = associations.find((a) => render(a.Properties?.SubnetId) === subnet)?.Properties?.RouteTableId;
      expect(table).toBeDefined();
      const out = routes.filter((r) => render(r.Properties?.RouteTableId) === render(table));
      expect(out).toEqual([]);
    }
  });

  it("takes its password from a generated secret, never a literal", () => {
    const password = render(database.Properties?.MasterUserPassword);
    expect(password).toMatch(/^\{\{resolve:secretsmanager:\$\{[A-Za-z0-9]+\}:SecretString:password::\}\}$/);
  });
});

describe("the artifact bucket", () => {
  let bucketId: string;
  let bucket: Resource;
  beforeAll(() => {
    [bucketId, bucket] = onlyResource(template, "AWS::S3::Bucket");
  });

  it("blocks every kind of public access", () => {
    expect(bucket.Properties?.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  it("encrypts objects at rest, keeps versions, and is retained", () => {
    const rules = (bucket.Properties?.BucketEncryption as { ServerSideEncryptionConfiguration: unknown[] })
      .ServerSideEncryptionConfiguration;
    expect(rules).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: expect.stringMatching(/^(AES256|aws:kms)$/) } },
    ]);
    expect(bucket.Properties?.VersioningConfiguration).toEqual({ Status: "Enabled" });
    expect(bucket.DeletionPolicy).toBe("Retain");
  });

  it("has a policy denying every request not made over TLS", () => {
    const [, policy] = onlyResource(template, "AWS::S3::BucketPolicy");
    expect(render(policy.Properties?.Bucket)).toBe(`\${${bucketId}}`);
    const statements = (policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    const denyInsecure = statements.find(
      (s) =>
        s.Effect === "Deny" &&
        s.Action === "s3:*" &&
        JSON.stringify(s.Condition) === JSON.stringify({ Bool: { "aws:SecureTransport": "false" } }),
    );
    expect(denyInsecure).toBeDefined();
    expect((denyInsecure?.Resource as unknown[]).map(render).sort()).toEqual([
      `\${${bucketId}.Arn}`,
      `\${${bucketId}.Arn}/*`,
    ]);
    // Nothing in the policy allows anyone in.
    expect(statements.filter((s) => s.Effect !== "Deny")).toEqual([]);
  });
});

describe("Secrets Manager", () => {
  it("holds the session secret, the MLflow admin password, the Flask key and the database credentials", () => {
    const secrets = Object.values(resourcesOf(template, "AWS::SecretsManager::Secret"));
    expect(secrets).toHaveLength(4);
    const generated = secrets.map((s) => s.Properties?.GenerateSecretString as Record<string, unknown>);
    // No value in the template: Secrets Manager generates each at deploy.
    for (const [index, secret] of secrets.entries()) {
      expect(secret.Properties).not.toHaveProperty("SecretString");
      expect(generated[index]).toBeDefined();
    }
    const lengths = generated.map((g) => g.PasswordLength as number).sort((a, b) => a - b);
    expect(lengths.every((length) => length >= 30)).toBe(true);
    expect(generated.filter((g) => (g.PasswordLength as number) >= 48)).toHaveLength(2);
    expect(generated.filter((g) => g.GenerateStringKey === "password")).toEqual([
      expect.objectContaining({ SecretStringTemplate: JSON.stringify({ username: "mlflow" }) }),
    ]);
  });

  it("keeps the database credentials and the MLflow admin password (the database holds what they unlock)", () => {
    const retained = Object.entries(resourcesOf(template, "AWS::SecretsManager::Secret"))
      .filter(([, secret]) => secret.DeletionPolicy === "Retain")
      .map(([id]) => id);
    expect(retained.sort()).toEqual(
      [
        logicalIdAt(template, "AWS::SecretsManager::Secret", "/Data/DatabaseCredentials/"),
        logicalIdAt(template, "AWS::SecretsManager::Secret", "/Secrets/MlflowAdminPassword/"),
      ].sort(),
    );
  });
});

describe("ECR", () => {
  it("has ui, mlflow and mlflow-pyfunc repositories, in their own stack: scanned, immutable, pruned and retained", () => {
    expect(Object.keys(resourcesOf(template, "AWS::ECR::Repository"))).toEqual([]);
    const repositories = Object.values(resourcesOf(repositoriesTemplate, "AWS::ECR::Repository"));
    expect(repositories.map((r) => r.Properties?.RepositoryName).sort()).toEqual([
      "mltrack/mlflow",
      "mltrack/mlflow-pyfunc",
      "mltrack/ui",
    ]);
    for (const repository of repositories) {
      expect(repository.Properties).toMatchObject({
        ImageScanningConfiguration: { ScanOnPush: true },
        ImageTagMutability: "IMMUTABLE",
      });
      expect(repository.DeletionPolicy).toBe("Retain");
      const policy = JSON.parse(
        (repository.Properties?.LifecyclePolicy as { LifecyclePolicyText: string }).LifecyclePolicyText,
      ) as { rules: { selection: { countType: string; countNumber: number }; action: { type: string } }[] };
      expect(policy.rules).toEqual([
        expect.objectContaining({
          selection: expect.objectContaining({ countType: "imageCountMoreThan", countNumber: expect.any(Number) }),
          action: { type: "expire" },
        }),
      ]);
    }
  });
});
