/**
 * The internet-facing Application Load Balancer: HTTPS on 443 with the ACM certificate, forwarding
 * to the UI service only; HTTP on 80 does nothing but redirect to HTTPS. With a hosted zone, the
 * domain's alias record points at it.
 */
import { Duration } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as route53 from "aws-cdk-lib/aws-route53";
import * as route53Targets from "aws-cdk-lib/aws-route53-targets";
import { Construct } from "constructs";
import { UI_PORT } from "./network";
import type { MltrackSettings } from "./settings";

export const UI_HEALTH_CHECK_PATH = "/api/health";
/** TLS 1.3, and TLS 1.2 with forward-secret AEAD ciphers only. */
export const SSL_POLICY = elbv2.SslPolicy.TLS13_RES;

export interface PublicLoadBalancerProps {
  vpc: ec2.IVpc;
  securityGroup: ec2.ISecurityGroup;
  ui: ecs.FargateService;
  settings: Pick<MltrackSettings, "certificateArn" | "domainName" | "hostedZone">;
}

export class PublicLoadBalancer extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;

  constructor(scope: Construct, id: string, props: PublicLoadBalancerProps) {
    super(scope, id);
    const { settings } = props;
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, "LoadBalancer", {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: props.securityGroup,
      dropInvalidHeaderFields: true,
    });

    // `open: false`: network.ts holds the ingress rules, so nothing here widens them.
    const https = this.loadBalancer.addListener("Https", {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromArn(settings.certificateArn)],
      sslPolicy: SSL_POLICY,
      open: false,
    });
    https.addTargets("Ui", {
      port: UI_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [props.ui.loadBalancerTarget({ containerName: "ui", containerPort: UI_PORT })],
      healthCheck: {
        path: UI_HEALTH_CHECK_PATH,
        healthyHttpCodes: "200",
        interval: Duration.seconds(15),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
      deregistrationDelay: Duration.seconds(30),
    });
    this.loadBalancer.addRedirect({
      sourceProtocol: elbv2.ApplicationProtocol.HTTP,
      sourcePort: 80,
      targetProtocol: elbv2.ApplicationProtocol.HTTPS,
      targetPort: 443,
      open: false,
    });

    if (settings.hostedZone) {
      const zone = route53.HostedZone.fromHostedZoneAttributes(this, "Zone", {
        hostedZoneId: settings.hostedZone.id,
        zoneName: settings.hostedZone.name,
      });
      new route53.ARecord(this, "Alias", {
        zone,
        recordName: settings.domainName,
        target: route53.RecordTarget.fromAlias(new route53Targets.LoadBalancerTarget(this.loadBalancer)),
      });
    }
  }
}
