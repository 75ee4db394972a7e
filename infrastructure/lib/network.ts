/**
 * The VPC and the security groups between its tiers. Who may talk to whom, all of it here:
 * the internet → the load balancer (443, and 80 only to be redirected) → the UI (3000) → MLflow (5000);
 * the UI and MLflow → PostgreSQL (5432); the UI and MLflow → AWS APIs over HTTPS through the NAT.
 * Nothing else is open, outbound included.
 */
import * as ec2 from "aws-cdk-lib/aws-ec2";
import { Construct } from "constructs";

export const UI_PORT = 3000;
export const MLFLOW_PORT = 5000;
export const POSTGRES_PORT = 5432;

export interface NetworkProps {
  natGateways: number;
}

export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  readonly loadBalancerSecurityGroup: ec2.SecurityGroup;
  readonly uiSecurityGroup: ec2.SecurityGroup;
  readonly mlflowSecurityGroup: ec2.SecurityGroup;
  readonly databaseSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);

    this.vpc = new ec2.Vpc(this, "Vpc", {
      ipAddresses: ec2.IpAddresses.cidr("10.40.0.0/16"),
      maxAzs: 2,
      // One NAT gateway by default: each is billed by the hour (about $32 a month in us-east-1) plus
      // data, and the tasks need egress only to pull images and reach AWS APIs (S3 goes through the
      // free gateway endpoint below). If its zone fails, tasks in the other zone lose egress until it
      // returns; `-c natGateways=2` buys independence from that at twice the NAT cost.
      natGateways: props.natGateways,
      subnetConfiguration: [
        { name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: "services", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: "database", subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      gatewayEndpoints: { s3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
      // Strips the unused default security group's rules with a CDK custom resource. Its Lambda writes
      // its own logs through the AWS-managed AWSLambdaBasicExecutionRole (CloudWatch Logs on `*`): the
      // one wildcard write grant in the stack, and not ours to narrow.
      restrictDefaultSecurityGroup: true,
    });

    const group = (name: string, description: string): ec2.SecurityGroup =>
      new ec2.SecurityGroup(this, name, { vpc: this.vpc, description, allowAllOutbound: false });
    this.loadBalancerSecurityGroup = group("LoadBalancer", "MLTrack public load balancer");
    this.uiSecurityGroup = group("Ui", "MLTrack UI tasks");
    this.mlflowSecurityGroup = group("Mlflow", "MLflow tracking server tasks");
    this.databaseSecurityGroup = group("Database", "MLflow and MLTrack PostgreSQL");

    // The only rules open to the world.
    this.loadBalancerSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), "HTTPS from anywhere");
    this.loadBalancerSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), "HTTP, redirected to HTTPS");

    this.uiSecurityGroup.connections.allowFrom(
      this.loadBalancerSecurityGroup,
      ec2.Port.tcp(UI_PORT),
      "The load balancer to the UI",
    );
    this.mlflowSecurityGroup.connections.allowFrom(this.uiSecurityGroup, ec2.Port.tcp(MLFLOW_PORT), "The UI to MLflow");
    for (const [client, name] of [
      [this.uiSecurityGroup, "The UI (auth store)"],
      [this.mlflowSecurityGroup, "MLflow (backend and auth stores)"],
    ] as const) {
      this.databaseSecurityGroup.connections.allowFrom(client, ec2.Port.tcp(POSTGRES_PORT), `${name} to PostgreSQL`);
    }
    // ECR, Secrets Manager, CloudWatch Logs, S3 and SageMaker APIs; GitHub sign-in when configured.
    // Name resolution goes to the VPC's own resolver, which security groups do not filter.
    for (const tasks of [this.uiSecurityGroup, this.mlflowSecurityGroup]) {
      tasks.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), "HTTPS to AWS APIs");
    }
  }
}
