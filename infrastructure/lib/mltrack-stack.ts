/**
 * MLTrack on AWS, composed: network → data and secrets → the SageMaker role → the two services →
 * the public load balancer. The image repositories are the MltrackRepositories stack's (ecr.ts).
 * Environment-agnostic: it deploys to the account and region of the credentials `cdk deploy` runs
 * with, and synthesises without calling AWS.
 */
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { Data } from "./data";
import { importRepositories } from "./ecr";
import { PublicLoadBalancer } from "./load-balancer";
import { Network } from "./network";
import { SageMakerExecutionRole } from "./sagemaker-role";
import { AppSecrets } from "./secrets";
import { Services } from "./services";
import type { MltrackSettings } from "./settings";

export interface MltrackStackProps extends StackProps {
  settings: MltrackSettings;
}

export class MltrackStack extends Stack {
  constructor(scope: Construct, id: string, props: MltrackStackProps) {
    super(scope, id, props);
    const { settings } = props;

    const network = new Network(this, "Network", { natGateways: settings.natGateways });
    const data = new Data(this, "Data", {
      vpc: network.vpc,
      databaseSecurityGroup: network.databaseSecurityGroup,
    });
    const secrets = new AppSecrets(this, "Secrets");
    const repositories = importRepositories(this);
    const sagemaker = new SageMakerExecutionRole(this, "SageMaker", {
      bucket: data.bucket,
      scoringRepository: repositories.scoring,
    });
    const services = new Services(this, "Services", {
      vpc: network.vpc,
      uiSecurityGroup: network.uiSecurityGroup,
      mlflowSecurityGroup: network.mlflowSecurityGroup,
      database: data.database,
      bucket: data.bucket,
      nextAuthSecret: secrets.nextAuthSecret,
      mlflowAdminPassword: secrets.mlflowAdminPassword,
      flaskSecretKey: secrets.flaskSecretKey,
      uiRepository: repositories.ui,
      mlflowRepository: repositories.mlflow,
      imageTag: settings.imageTag,
      domainName: settings.domainName,
      sagemakerExecutionRole: sagemaker.role,
    });
    const publicLoadBalancer = new PublicLoadBalancer(this, "Public", {
      vpc: network.vpc,
      securityGroup: network.loadBalancerSecurityGroup,
      ui: services.ui,
      settings,
    });

    const output = (name: string, value: string, description: string) =>
      new CfnOutput(this, name, { value, description });
    output("Url", `https://${settings.domainName}`, "MLTrack's address");
    output(
      "MlflowAdminPasswordSecretArn",
      secrets.mlflowAdminPassword.secretArn,
      "First sign-in: user admin, this secret's value (aws secretsmanager get-secret-value)",
    );
    output(
      "LoadBalancerDnsName",
      publicLoadBalancer.loadBalancer.loadBalancerDnsName,
      "Point the domain here (CNAME or alias) unless hostedZoneId made the record",
    );
    output(
      "ScoringRepositoryUri",
      repositories.scoring.repositoryUri,
      "SageMaker settings: image URI is this plus :<MLflow version>",
    );
    output("SageMakerExecutionRoleArn", sagemaker.role.roleArn, "SageMaker settings: execution role ARN");
    output("ArtifactBucketName", data.bucket.bucketName, "SageMaker settings: bucket");
    output("Region", this.region, "SageMaker settings: region");
  }
}
