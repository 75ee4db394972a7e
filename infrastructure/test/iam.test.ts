/**
 * Least privilege, checked on every IAM statement the template grants: no wildcard actions, `*`
 * resources only where AWS has no resource-level permission, PassRole for the SageMaker role only,
 * S3 only under the bucket's two prefixes, SageMaker only on `mltrack-*` resources. The names are
 * checked against mltrack-sdk's own naming, so a change there that the policies miss fails here.
 */
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import {
  endpointConfigNameFor,
  endpointNameFor,
  logGroupFor,
  modelResourceName,
  tarballKey,
} from "../../mltrack-sdk/src/deploy/targets/sagemaker-names";
import { MODEL_TARBALL_KEYS, SAGEMAKER_NAME_PREFIX } from "../lib/sagemaker-role";
import { asArray, logicalIdAt, onlyResource, render, repositoryArn, resourcesOf, synthesize } from "./synth";

interface Statement {
  /** Logical ids of the roles the statement is attached to. */
  roles: string[];
  effect: string;
  actions: string[];
  resources: string[];
  condition?: Record<string, Record<string, unknown>>;
}

let template: Template;
let statements: Statement[];
let bucket: string;
let role: { ui: string; mlflow: string; sagemaker: string; uiExecution: string; mlflowExecution: string };

/** Every statement of every identity policy: AWS::IAM::Policy, ManagedPolicy and roles' inline policies. */
function allStatements(): Statement[] {
  const read = (document: unknown, roles: string[]): Statement[] =>
    asArray((document as { Statement: Record<string, unknown>[] }).Statement).map((s) => {
      if ("NotAction" in s || "NotResource" in s) throw new Error(`NotAction/NotResource in ${JSON.stringify(s)}`);
      return {
        roles,
        effect: String(s.Effect),
        actions: asArray(s.Action as string | string[]),
        resources: asArray(s.Resource as unknown).map(render),
        ...(s.Condition ? { condition: s.Condition as Statement["condition"] } : {}),
      };
    });
  const roleIds = (roles: unknown) => asArray(roles as unknown[]).map((r) => render(r).replace(/^\$\{(.*)\}$/, "$1"));
  return [
    ...Object.values(resourcesOf(template, "AWS::IAM::Policy")).flatMap((p) =>
      read(p.Properties?.PolicyDocument, roleIds(p.Properties?.Roles)),
    ),
    ...Object.values(resourcesOf(template, "AWS::IAM::ManagedPolicy")).flatMap((p) =>
      read(p.Properties?.PolicyDocument, roleIds(p.Properties?.Roles)),
    ),
    ...Object.entries(resourcesOf(template, "AWS::IAM::Role")).flatMap(([id, r]) =>
      asArray(r.Properties?.Policies as { PolicyDocument: unknown }[]).flatMap((p) => read(p.PolicyDocument, [id])),
    ),
  ];
}

const of = (roleId: string) => statements.filter((s) => s.roles.includes(roleId));
const grants = (roleId: string, prefix: string) =>
  of(roleId).filter((s) => s.effect === "Allow" && s.actions.some((a) => a.startsWith(prefix)));
const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);

beforeAll(() => {
  template = synthesize();
  statements = allStatements();
  [bucket] = onlyResource(template, "AWS::S3::Bucket");
  const roleAt = (path: string) => logicalIdAt(template, "AWS::IAM::Role", path);
  role = {
    ui: roleAt("/Services/UiTask/TaskRole/"),
    mlflow: roleAt("/Services/MlflowTask/TaskRole/"),
    sagemaker: roleAt("/SageMaker/Role/"),
    uiExecution: roleAt("/Services/UiTask/ExecutionRole/"),
    mlflowExecution: roleAt("/Services/MlflowTask/ExecutionRole/"),
  };
});

describe("every identity policy", () => {
  it("has statements to check, each attached to a role of this stack", () => {
    expect(statements.length).toBeGreaterThan(10);
    const roles = Object.keys(resourcesOf(template, "AWS::IAM::Role"));
    for (const statement of statements) {
      expect(statement.roles.length).toBeGreaterThan(0);
      for (const id of statement.roles) expect(roles).toContain(id);
    }
  });

  it("allows no wildcard action, neither `*` nor a whole service", () => {
    const wild = statements.filter((s) => s.actions.some((a) => a === "*" || a.endsWith(":*")));
    expect(wild).toEqual([]);
  });

  it("uses `*` as a resource only for ecr:GetAuthorizationToken, which has no resource-level permissions", () => {
    // `*`, or an ARN whose whole resource part is `*` (every resource of a service).
    const everything = (r: string) => r === "*" || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(r);
    const anyResource = statements.filter((s) => s.resources.some(everything));
    expect(anyResource.length).toBeGreaterThan(0);
    for (const statement of anyResource) expect(statement.actions).toEqual(["ecr:GetAuthorizationToken"]);
  });

  it("attaches no managed policy but AWSLambdaBasicExecutionRole to the default-security-group custom resource", () => {
    const managed = Object.entries(resourcesOf(template, "AWS::IAM::Role")).flatMap(([id, r]) =>
      asArray(r.Properties?.ManagedPolicyArns as unknown[]).map((arn) => [id, render(arn)]),
    );
    expect(managed).toEqual([
      [
        logicalIdAt(template, "AWS::IAM::Role", "Custom::VpcRestrictDefaultSGCustomResourceProvider/"),
        '{"Fn::Sub":"arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}',
      ],
    ]);
  });

  it("passes a role only to SageMaker, and only the SageMaker execution role, from the UI", () => {
    const iam = statements.filter((s) => s.actions.some((a) => a.startsWith("iam:")));
    expect(iam).toEqual([
      {
        roles: [role.ui],
        effect: "Allow",
        actions: ["iam:PassRole"],
        resources: [`\${${role.sagemaker}.Arn}`],
        condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
      },
    ]);
  });

  it("grants S3 only on the artifact bucket: objects under artifacts/ and mltrack-*/, listing the bucket", () => {
    const allowed = new Set([
      `\${${bucket}.Arn}`,
      `\${${bucket}.Arn}/artifacts/*`,
      `\${${bucket}.Arn}/${MODEL_TARBALL_KEYS}`,
    ]);
    const s3 = statements.filter((s) => s.actions.some((a) => a.startsWith("s3:")));
    expect(s3.length).toBeGreaterThan(0);
    for (const statement of s3) {
      expect(statement.actions.every((a) => a.startsWith("s3:"))).toBe(true);
      for (const resource of statement.resources) expect(allowed).toContain(resource);
      const bucketLevel = statement.resources.includes(`\${${bucket}.Arn}`);
      if (bucketLevel) expect(statement.actions).toEqual(["s3:ListBucket"]);
    }
  });

  it("grants SageMaker actions only on mltrack-* models, endpoint configs and endpoints in this account and region", () => {
    const sagemaker = statements.filter((s) => s.actions.some((a) => a.startsWith("sagemaker:")));
    expect(sagemaker.flatMap((s) => s.roles)).toEqual([role.ui]);
    for (const statement of sagemaker) {
      for (const resource of statement.resources) {
        expect(resource).toMatch(
          /^arn:\$\{AWS::Partition\}:sagemaker:\$\{AWS::Region\}:\$\{AWS::AccountId\}:(model|endpoint-config|endpoint)\/mltrack-\*$/,
        );
      }
    }
  });
});

describe("the names match mltrack-sdk's SageMaker target", () => {
  it("covers its default endpoint name, the model and config names derived from it, and the tarball key", () => {
    const endpoint = endpointNameFor("Iris Classifier", "d-0123456789ab");
    const names = [endpoint, modelResourceName(endpoint, "3"), endpointConfigNameFor(endpoint)];
    for (const name of names) expect(name.startsWith(SAGEMAKER_NAME_PREFIX)).toBe(true);
    expect(tarballKey(modelResourceName(endpoint, "3"))).toMatch(glob(MODEL_TARBALL_KEYS));
  });

  it("covers the log group its endpoints write to", () => {
    const logs = grants(role.sagemaker, "logs:").flatMap((s) => s.resources);
    const logGroup = logGroupFor(endpointNameFor("Iris Classifier", "d-0123456789ab"));
    const arn = `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${logGroup}`;
    expect(logs.some((pattern) => glob(pattern).test(arn))).toBe(true);
    expect(logs.some((pattern) => glob(pattern).test(`${arn}:log-stream:AllTraffic/i-0abc`))).toBe(true);
    expect(logs.some((pattern) => glob(pattern).test(`${arn.replace("mltrack-", "other-")}`))).toBe(false);
  });
});

describe("each role", () => {
  it("MLflow's task role reads and writes only artifacts/, and lists only within it", () => {
    const s3 = grants(role.mlflow, "s3:");
    const objects = s3.filter((s) => !s.actions.includes("s3:ListBucket"));
    expect(objects.flatMap((s) => s.resources)).toEqual([`\${${bucket}.Arn}/artifacts/*`]);
    expect(objects.flatMap((s) => s.actions)).toEqual(expect.arrayContaining(["s3:GetObject", "s3:PutObject"]));
    const list = s3.filter((s) => s.actions.includes("s3:ListBucket"));
    expect(list).toEqual([
      expect.objectContaining({
        resources: [`\${${bucket}.Arn}`],
        condition: { StringLike: { "s3:prefix": ["artifacts", "artifacts/*"] } },
      }),
    ]);
    expect(
      of(role.mlflow)
        .flatMap((s) => s.actions)
        .filter((a) => !a.startsWith("s3:")),
    ).toEqual([]);
  });

  it("the UI's task role writes only model tarballs, and reads no artifact", () => {
    const objects = grants(role.ui, "s3:").filter((s) => !s.actions.includes("s3:ListBucket"));
    expect(objects.flatMap((s) => s.resources)).toEqual([`\${${bucket}.Arn}/${MODEL_TARBALL_KEYS}`]);
    expect(objects.flatMap((s) => s.actions).sort()).toEqual([
      "s3:DeleteObject",
      "s3:PutObject",
      "s3:PutObjectTagging",
    ]);
  });

  it("the SageMaker execution role is SageMaker's: reads tarballs, pulls the scoring image, writes endpoint logs", () => {
    const trust = resourcesOf(template, "AWS::IAM::Role")[role.sagemaker]?.Properties?.AssumeRolePolicyDocument as {
      Statement: unknown[];
    };
    expect(trust.Statement).toEqual([
      { Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" } },
    ]);
    const scoring = repositoryArn("mltrack/mlflow-pyfunc");
    const granted = of(role.sagemaker).flatMap((s) => s.actions.map((action) => [action, s.resources.join(" ")]));
    expect(granted.sort()).toEqual(
      [
        ["s3:GetObject", `\${${bucket}.Arn}/${MODEL_TARBALL_KEYS}`],
        ["ecr:BatchCheckLayerAvailability", scoring],
        ["ecr:BatchGetImage", scoring],
        ["ecr:GetDownloadUrlForLayer", scoring],
        ["ecr:GetAuthorizationToken", "*"],
        ...["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"].map(
          (action) => [
            action,
            "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/sagemaker/Endpoints/mltrack-* " +
              "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/sagemaker/Endpoints/mltrack-*:log-stream:*",
          ],
        ),
      ].sort(),
    );
  });

  it("each task execution role reads only its own service's secrets, image repository and log group", () => {
    const secret = (path: string) => `\${${logicalIdAt(template, "AWS::SecretsManager::Secret", path)}}`;
    const attachment = `\${${onlyResource(template, "AWS::SecretsManager::SecretTargetAttachment")[0]}}`;
    const expected = {
      [role.uiExecution]: {
        secrets: [attachment, secret("/Secrets/MlflowAdminPassword/"), secret("/Secrets/NextAuthSecret/")],
        repository: "mltrack/ui",
        logGroup: "/Services/UiLogs/",
      },
      [role.mlflowExecution]: {
        secrets: [attachment, secret("/Secrets/FlaskSecretKey/"), secret("/Secrets/MlflowAdminPassword/")],
        repository: "mltrack/mlflow",
        logGroup: "/Services/MlflowLogs/",
      },
    };
    for (const [roleId, { secrets, repository, logGroup }] of Object.entries(expected)) {
      expect(
        grants(roleId, "secretsmanager:")
          .flatMap((s) => s.resources)
          .sort(),
      ).toEqual(secrets.sort());
      const pulls = grants(roleId, "ecr:").filter((s) => !s.actions.includes("ecr:GetAuthorizationToken"));
      expect(pulls.flatMap((s) => s.resources)).toEqual([repositoryArn(repository)]);
      expect(grants(roleId, "logs:").flatMap((s) => s.resources)).toEqual([
        `\${${logicalIdAt(template, "AWS::Logs::LogGroup", logGroup)}.Arn}`,
      ]);
    }
  });
});
