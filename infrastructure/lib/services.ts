/**
 * The two ECS Fargate services, in the private subnets: the MLTrack UI (behind the public load
 * balancer, load-balancer.ts) and the MLflow tracking server, which only the UI reaches.
 *
 * MLflow is found through Cloud Map (private DNS `mlflow.mltrack.internal`), not an internal load
 * balancer: ECS registers only running, healthy tasks; the MLflow security group then admits exactly
 * the UI's (one rule, no balancer in between to open up); and there is no second load balancer to pay
 * for. Node's fetch resolves the name per connection, so a replaced task is picked up within the TTL.
 *
 * The MLflow image's env contract (infrastructure/docker/mlflow/Dockerfile's entrypoint reads these
 * and runs `mlflow server --app-name basic-auth --host 0.0.0.0 --port 5000
 * --backend-store-uri postgresql://USER:PASSWORD@HOST:PORT/NAME?sslmode=SSLMODE
 * --artifacts-destination $MLFLOW_ARTIFACTS_DESTINATION --serve-artifacts --allowed-hosts $MLFLOW_ALLOWED_HOSTS`,
 * after writing the basic-auth ini with the admin user and the same database as its `database_uri`;
 * MLflow's auth migrations keep their own alembic_version_auth table, so the two share it safely):
 *   environment  MLFLOW_DB_HOST                  RDS endpoint address
 *                MLFLOW_DB_PORT                  5432
 *                MLFLOW_DB_NAME                  mlflow
 *                MLFLOW_DB_USER                  mlflow
 *                MLFLOW_DB_SSLMODE               require (RDS for PostgreSQL 16 refuses unencrypted connections)
 *                MLFLOW_ARTIFACTS_DESTINATION    s3://<bucket>/artifacts
 *                MLFLOW_ADMIN_USERNAME           admin
 *                MLFLOW_ALLOWED_HOSTS            mlflow.mltrack.internal:5000,mlflow.mltrack.internal
 *                AWS_DEFAULT_REGION              the stack's region (boto3; credentials come from the task role)
 *   secrets      MLFLOW_DB_PASSWORD              the RDS secret's `password`
 *                MLFLOW_ADMIN_PASSWORD           the generated MLflow admin password
 *                MLFLOW_FLASK_SERVER_SECRET_KEY  the generated Flask key (MLflow reads this name itself)
 * Every value is letters and digits only, so the entrypoint may put them in a URI or the ini unescaped.
 * The image needs `python` on PATH for the container health check (GET /health on 127.0.0.1:5000).
 */
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as ecr from "aws-cdk-lib/aws-ecr";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as rds from "aws-cdk-lib/aws-rds";
import type * as s3 from "aws-cdk-lib/aws-s3";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import * as servicediscovery from "aws-cdk-lib/aws-servicediscovery";
import { Construct } from "constructs";
import { ARTIFACTS_PREFIX, DATABASE_NAME, DATABASE_USER } from "./data";
import { MLFLOW_PORT, POSTGRES_PORT, UI_PORT } from "./network";
import { MODEL_TARBALL_KEYS, SAGEMAKER_NAME_PREFIX } from "./sagemaker-role";

export const NAMESPACE = "mltrack.internal";
export const MLFLOW_HOST = `mlflow.${NAMESPACE}`;
export const MLFLOW_ADMIN_USERNAME = "admin";
export const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

export interface ServicesProps {
  vpc: ec2.IVpc;
  uiSecurityGroup: ec2.ISecurityGroup;
  mlflowSecurityGroup: ec2.ISecurityGroup;
  database: rds.DatabaseInstance;
  bucket: s3.IBucket;
  nextAuthSecret: secretsmanager.ISecret;
  mlflowAdminPassword: secretsmanager.ISecret;
  flaskSecretKey: secretsmanager.ISecret;
  uiRepository: ecr.IRepository;
  mlflowRepository: ecr.IRepository;
  imageTag: string;
  domainName: string;
  sagemakerExecutionRole: iam.IRole;
}

export class Services extends Construct {
  readonly cluster: ecs.Cluster;
  readonly ui: ecs.FargateService;
  readonly mlflow: ecs.FargateService;

  constructor(scope: Construct, id: string, props: ServicesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.cluster = new ecs.Cluster(this, "Cluster", { vpc: props.vpc });
    const namespace = new servicediscovery.PrivateDnsNamespace(this, "Namespace", {
      name: NAMESPACE,
      vpc: props.vpc,
      description: "MLTrack's internal service names",
    });
    const databaseSecret = props.database.secret;
    if (!databaseSecret) throw new Error("The database has no credentials secret");
    const databaseHost = props.database.dbInstanceEndpointAddress;

    const mlflowTask = taskDefinition(this, "Mlflow", { cpu: 1024, memoryLimitMiB: 2048 });
    grantArtifacts(mlflowTask.taskRole, props.bucket);
    mlflowTask.addContainer("mlflow", {
      image: ecs.ContainerImage.fromEcrRepository(props.mlflowRepository, props.imageTag),
      environment: {
        MLFLOW_DB_HOST: databaseHost,
        MLFLOW_DB_PORT: String(POSTGRES_PORT),
        MLFLOW_DB_NAME: DATABASE_NAME,
        MLFLOW_DB_USER: DATABASE_USER,
        MLFLOW_DB_SSLMODE: "require",
        MLFLOW_ARTIFACTS_DESTINATION: props.bucket.s3UrlForObject(ARTIFACTS_PREFIX),
        MLFLOW_ADMIN_USERNAME,
        MLFLOW_ALLOWED_HOSTS: `${MLFLOW_HOST}:${MLFLOW_PORT},${MLFLOW_HOST}`,
        AWS_DEFAULT_REGION: stack.region,
      },
      secrets: {
        MLFLOW_DB_PASSWORD: ecs.Secret.fromSecretsManager(databaseSecret, "password"),
        MLFLOW_ADMIN_PASSWORD: ecs.Secret.fromSecretsManager(props.mlflowAdminPassword),
        MLFLOW_FLASK_SERVER_SECRET_KEY: ecs.Secret.fromSecretsManager(props.flaskSecretKey),
      },
      portMappings: [{ containerPort: MLFLOW_PORT, name: "mlflow" }],
      healthCheck: {
        command: [
          "CMD",
          "python",
          "-c",
          `import urllib.request; urllib.request.urlopen("http://127.0.0.1:${MLFLOW_PORT}/health", timeout=4)`,
        ],
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        // The first start runs MLflow's database migrations.
        startPeriod: Duration.seconds(180),
      },
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: "mlflow",
        logGroup: logGroup(this, "Mlflow", "/mltrack/mlflow"),
      }),
    });
    this.mlflow = new ecs.FargateService(this, "MlflowService", {
      cluster: this.cluster,
      taskDefinition: mlflowTask,
      desiredCount: 1,
      securityGroups: [props.mlflowSecurityGroup],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
      cloudMapOptions: {
        cloudMapNamespace: namespace,
        name: "mlflow",
        dnsRecordType: servicediscovery.DnsRecordType.A,
        dnsTtl: Duration.seconds(10),
      },
    });

    const uiTask = taskDefinition(this, "Ui", { cpu: 512, memoryLimitMiB: 1024 });
    grantSageMakerDeploys(uiTask.taskRole, props.bucket, props.sagemakerExecutionRole);
    uiTask.addContainer("ui", {
      image: ecs.ContainerImage.fromEcrRepository(props.uiRepository, props.imageTag),
      environment: {
        MLTRACK_AUTH: "team",
        MLTRACK_HOST: "0.0.0.0",
        PORT: String(UI_PORT),
        NEXTAUTH_URL: `https://${props.domainName}`,
        MLFLOW_TRACKING_URI: `http://${MLFLOW_HOST}:${MLFLOW_PORT}`,
        MLFLOW_TRACKING_USERNAME: MLFLOW_ADMIN_USERNAME,
        // No password in the URL: node-postgres takes it from PGPASSWORD. TLS without verifying the
        // server certificate, as the UI image carries no RDS CA bundle; the connection never leaves
        // the VPC and only the two services' security groups reach the database. With the bundle in
        // the image, use sslmode=verify-full&sslrootcert=<its path>.
        MLTRACK_AUTH_STORE_URL: `postgresql://${DATABASE_USER}@${databaseHost}:${POSTGRES_PORT}/${DATABASE_NAME}?sslmode=no-verify`,
        // One proxy appends to X-Forwarded-For: the load balancer.
        MLTRACK_TRUSTED_PROXIES: "1",
        AWS_REGION: stack.region,
      },
      secrets: {
        NEXTAUTH_SECRET: ecs.Secret.fromSecretsManager(props.nextAuthSecret),
        MLFLOW_TRACKING_PASSWORD: ecs.Secret.fromSecretsManager(props.mlflowAdminPassword),
        PGPASSWORD: ecs.Secret.fromSecretsManager(databaseSecret, "password"),
      },
      portMappings: [{ containerPort: UI_PORT, name: "ui" }],
      healthCheck: {
        // Node is all the UI image is sure to have (no curl or wget).
        command: [
          "CMD",
          "node",
          "-e",
          `fetch("http://127.0.0.1:${UI_PORT}/api/health").then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
        ],
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(60),
      },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: "ui", logGroup: logGroup(this, "Ui", "/mltrack/ui") }),
    });
    this.ui = new ecs.FargateService(this, "UiService", {
      cluster: this.cluster,
      taskDefinition: uiTask,
      // One task per availability zone; the UI keeps no state of its own (sessions are signed
      // cookies, users and tokens are in PostgreSQL, deployment records in MLflow).
      desiredCount: 2,
      securityGroups: [props.uiSecurityGroup],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
      healthCheckGracePeriod: Duration.seconds(60),
    });
    // MLflow first: the UI signs in to it as admin, which MLflow creates at its first start.
    this.ui.node.addDependency(this.mlflow);
  }
}

function taskDefinition(scope: Construct, name: string, size: { cpu: number; memoryLimitMiB: number }) {
  return new ecs.FargateTaskDefinition(scope, `${name}Task`, {
    ...size,
    family: `mltrack-${name.toLowerCase()}`,
    // Build and push the images for linux/amd64 (README).
    runtimePlatform: {
      cpuArchitecture: ecs.CpuArchitecture.X86_64,
      operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
    },
  });
}

function logGroup(scope: Construct, name: string, logGroupName: string): logs.LogGroup {
  return new logs.LogGroup(scope, `${name}Logs`, {
    logGroupName,
    retention: LOG_RETENTION,
    removalPolicy: RemovalPolicy.DESTROY,
  });
}

/** MLflow's artifact store: objects under `artifacts/` only, and listing only within it. */
function grantArtifacts(role: iam.IRole, bucket: s3.IBucket): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: "ReadWriteArtifacts",
      actions: [
        "s3:GetObject",
        "s3:PutObject",
        "s3:DeleteObject",
        "s3:AbortMultipartUpload",
        "s3:ListMultipartUploadParts",
      ],
      resources: [bucket.arnForObjects(`${ARTIFACTS_PREFIX}/*`)],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: "ListArtifacts",
      actions: ["s3:ListBucket"],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { "s3:prefix": [ARTIFACTS_PREFIX, `${ARTIFACTS_PREFIX}/*`] } },
    }),
  );
}

/**
 * What mltrack-sdk's SageMaker target calls from the UI server: its tarball in the bucket, the
 * model, endpoint config and endpoint named `mltrack-*` in this account and region, and passing the
 * execution role to SageMaker (to no other service, and no other role).
 */
function grantSageMakerDeploys(role: iam.IRole, bucket: s3.IBucket, executionRole: iam.IRole): void {
  const stack = Stack.of(role);
  const arn = (type: string) =>
    stack.formatArn({ service: "sagemaker", resource: type, resourceName: `${SAGEMAKER_NAME_PREFIX}*` });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: "WriteModelTarballs",
      // PutObjectTagging: the upload tags the tarball SageMaker=true.
      actions: ["s3:PutObject", "s3:PutObjectTagging", "s3:DeleteObject"],
      resources: [bucket.arnForObjects(MODEL_TARBALL_KEYS)],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: "FindBucket",
      // HeadBucket, which the target calls before uploading, is authorised as s3:ListBucket.
      actions: ["s3:ListBucket"],
      resources: [bucket.bucketArn],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: "ManageMltrackEndpoints",
      actions: [
        "sagemaker:AddTags",
        "sagemaker:CreateModel",
        "sagemaker:DeleteModel",
        "sagemaker:CreateEndpointConfig",
        "sagemaker:DeleteEndpointConfig",
        "sagemaker:CreateEndpoint",
        "sagemaker:DescribeEndpoint",
        "sagemaker:UpdateEndpoint",
        "sagemaker:UpdateEndpointWeightsAndCapacities",
        "sagemaker:DeleteEndpoint",
        "sagemaker:InvokeEndpoint",
      ],
      resources: [arn("model"), arn("endpoint-config"), arn("endpoint")],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: "PassExecutionRoleToSageMaker",
      actions: ["iam:PassRole"],
      resources: [executionRole.roleArn],
      conditions: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
    }),
  );
}
