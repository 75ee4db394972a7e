/**
 * The execution role SageMaker assumes for MLTrack's endpoints: read the model tarball, pull the
 * scoring image, write the endpoint's logs. Nothing else.
 *
 * The names follow mltrack-sdk's SageMaker target (mltrack-sdk/src/deploy/targets/sagemaker-names.ts):
 * endpoints are `mltrack-<model>-<deployment id>` unless the deploy dialog names one, their models and
 * endpoint configs `<endpoint>-v<version>-<hex>` and `<endpoint>-config-<hex>`, and each model's tarball
 * is `<model name>/model.tar.gz` at the root of the configured bucket. So one prefix covers all of it.
 */
import { Arn, ArnFormat, Stack } from "aws-cdk-lib";
import type * as ecr from "aws-cdk-lib/aws-ecr";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

/** Every SageMaker resource (and tarball key) MLTrack may touch starts with this. */
export const SAGEMAKER_NAME_PREFIX = "mltrack-";
/** The tarballs' keys in the bucket: `<model resource name>/model.tar.gz`. */
export const MODEL_TARBALL_KEYS = `${SAGEMAKER_NAME_PREFIX}*/model.tar.gz`;

export interface SageMakerExecutionRoleProps {
  bucket: s3.IBucket;
  scoringRepository: ecr.IRepository;
}

export class SageMakerExecutionRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: SageMakerExecutionRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, "Role", {
      assumedBy: new iam.ServicePrincipal("sagemaker.amazonaws.com"),
      description: "SageMaker endpoints deployed by MLTrack: model tarballs, the scoring image, endpoint logs",
    });

    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: "ReadModelTarballs",
        actions: ["s3:GetObject"],
        resources: [props.bucket.arnForObjects(MODEL_TARBALL_KEYS)],
      }),
    );
    // BatchGetImage and layer downloads on this repository only; ecr:GetAuthorizationToken has no
    // resource-level permissions, so AWS requires `*` for it (it only reads a registry login token).
    props.scoringRepository.grantPull(this.role);

    const logGroup = Arn.format(
      {
        service: "logs",
        resource: "log-group",
        resourceName: `/aws/sagemaker/Endpoints/${SAGEMAKER_NAME_PREFIX}*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      },
      Stack.of(this),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: "WriteEndpointLogs",
        actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
        resources: [logGroup, `${logGroup}:log-stream:*`],
      }),
    );
  }
}
