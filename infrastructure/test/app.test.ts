/**
 * The app as the CLI runs it: bin/mltrack.ts through tsx with the CLI's environment (context in
 * CDK_CONTEXT_JSON, output in CDK_OUTDIR), offline; and the context settings it refuses.
 * CloudFormation's template validation (a WebAssembly validator taking 10-20 s on a busy machine) is
 * off here; `npx cdk synth` runs it (README).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsFromContext } from "../lib/settings";
import { CDK_JSON, SAMPLE_CONTEXT } from "./synth";

const INFRASTRUCTURE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { hostedZoneId: _zoneId, hostedZoneName: _zoneName, ...WITHOUT_ZONE } = SAMPLE_CONTEXT;

/** `unshare -rn` gives the process a network namespace with no interfaces, where it is available. */
const offline = (() => {
  const probe = spawnSync("unshare", ["-rn", "true"]);
  return probe.status === 0 ? ["unshare", "-rn"] : [];
})();

describe("bin/mltrack.ts", () => {
  let outdir: string;
  let run: { status: number | null; stderr: string };

  beforeAll(() => {
    outdir = mkdtempSync(path.join(tmpdir(), "mltrack-cdk-"));
    const [command = "", ...args] = [...offline, process.execPath, "--import", "tsx", "bin/mltrack.ts"];
    const result = spawnSync(command, args, {
      cwd: INFRASTRUCTURE,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? tmpdir(),
        CDK_OUTDIR: outdir,
        CDK_CONTEXT_JSON: JSON.stringify({ ...CDK_JSON.context, ...WITHOUT_ZONE }),
        // Were anything to reach for AWS anyway, it would find neither credentials nor a route.
        AWS_EC2_METADATA_DISABLED: "true",
        HTTPS_PROXY: "http://127.0.0.1:9",
        HTTP_PROXY: "http://127.0.0.1:9",
        CDK_VALIDATION: "false",
      },
    });
    run = { status: result.status, stderr: result.stderr };
  }, 120_000);

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  it("synthesises both stacks without AWS, asking for no lookup, the repositories first", () => {
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
      missing?: unknown[];
      artifacts: Record<string, { type: string; environment?: string; dependencies?: string[] }>;
    };
    // Context lookups (Vpc.fromLookup, HostedZone.fromLookup, AZs of a pinned account) land here for the CLI to resolve.
    expect(manifest.missing ?? []).toEqual([]);
    for (const stack of ["Mltrack", "MltrackRepositories"]) {
      expect(manifest.artifacts[stack]?.environment).toBe("aws://unknown-account/unknown-region");
    }
    expect(manifest.artifacts.Mltrack?.dependencies).toContain("MltrackRepositories");
  });

  const read = (stack: string) =>
    JSON.parse(readFileSync(path.join(outdir, `${stack}.template.json`), "utf8")) as {
      Resources: Record<string, { Type: string }>;
      Outputs: Record<string, unknown>;
    };

  it("writes the repositories' template, with their URIs as outputs", () => {
    const template = read("MltrackRepositories");
    expect(Object.values(template.Resources).map((r) => r.Type)).toEqual(Array(3).fill("AWS::ECR::Repository"));
    expect(Object.keys(template.Outputs).sort()).toEqual([
      "MlflowRepositoryUri",
      "ScoringRepositoryUri",
      "UiRepositoryUri",
    ]);
  });

  it("writes the services' template with the whole stack, and no DNS record without a hosted zone", () => {
    const template = read("Mltrack");
    const types = new Set(Object.values(template.Resources).map((r) => r.Type));
    for (const type of [
      "AWS::EC2::VPC",
      "AWS::ECS::Service",
      "AWS::ElasticLoadBalancingV2::LoadBalancer",
      "AWS::RDS::DBInstance",
      "AWS::S3::Bucket",
      "AWS::SecretsManager::Secret",
      "AWS::IAM::Role",
    ]) {
      expect(types).toContain(type);
    }
    expect(types).not.toContain("AWS::Route53::RecordSet");
    expect(Object.keys(template.Outputs).sort()).toEqual([
      "ArtifactBucketName",
      "LoadBalancerDnsName",
      "MlflowAdminPasswordSecretArn",
      "Region",
      "SageMakerExecutionRoleArn",
      "ScoringRepositoryUri",
      "Url",
    ]);
    // Nothing to build or upload but the CDK's own custom-resource handler: no Docker image assets.
    for (const stack of ["Mltrack", "MltrackRepositories"]) {
      const assets = JSON.parse(readFileSync(path.join(outdir, `${stack}.assets.json`), "utf8")) as {
        dockerImages?: Record<string, unknown>;
      };
      expect(assets.dockerImages ?? {}).toEqual({});
    }
  });
});

describe("settingsFromContext", () => {
  const settings = (context: Record<string, unknown>) => settingsFromContext(new App({ context }).node);

  it("reads the sample context", () => {
    expect(settings(SAMPLE_CONTEXT)).toEqual({
      imageTag: SAMPLE_CONTEXT.imageTag,
      domainName: SAMPLE_CONTEXT.domainName,
      certificateArn: SAMPLE_CONTEXT.certificateArn,
      hostedZone: { id: SAMPLE_CONTEXT.hostedZoneId, name: SAMPLE_CONTEXT.hostedZoneName },
      natGateways: 1,
    });
  });

  it("names every missing value and shows a command", () => {
    expect(() => settings({})).toThrow(
      /imageTag is missing[\s\S]*domainName is missing[\s\S]*certificateArn is missing[\s\S]*npx cdk deploy Mltrack -c imageTag=/,
    );
  });

  it.each([
    [{ imageTag: "latest" }, /imageTag=latest names no particular build/],
    [{ imageTag: "v1 beta" }, /imageTag=v1 beta is not an image tag/],
    [{ domainName: "https://mltrack.example.com" }, /domainName=.* is not a lower-case host name/],
    [{ certificateArn: "arn:aws:iam::123456789012:role/x" }, /certificateArn=.* is not an ACM certificate ARN/],
    [{ hostedZoneName: undefined }, /hostedZoneId and hostedZoneName go together/],
    [{ hostedZoneName: "example.org" }, /domainName=mltrack.example.com is not in hostedZoneName=example.org/],
    [{ natGateways: "3" }, /natGateways=3 must be 1 or 2/],
  ])("refuses %o", (override, message) => {
    expect(() => settings({ ...SAMPLE_CONTEXT, ...override })).toThrow(message);
  });
});
