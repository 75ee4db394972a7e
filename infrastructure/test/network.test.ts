/**
 * What the internet reaches: the load balancer on 443 (and 80, redirected), which forwards to the UI
 * only. MLflow and PostgreSQL admit their one or two clients' security groups and nothing else.
 */
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { asArray, logicalIdAt, onlyResource, render, resourcesOf, SAMPLE_CONTEXT, synthesize } from "./synth";

interface IngressRule {
  group: string;
  source: string;
  from: number;
  to: number;
}

let template: Template;
let groups: { loadBalancer: string; ui: string; mlflow: string; database: string };
let ingress: IngressRule[];

/** Every ingress rule, inline in a security group or a resource of its own, with its source as text. */
function ingressRules(): IngressRule[] {
  const rule = (group: string, r: Record<string, unknown>): IngressRule => ({
    group,
    source: r.CidrIp
      ? String(r.CidrIp)
      : r.CidrIpv6
        ? String(r.CidrIpv6)
        : r.SourcePrefixListId
          ? render(r.SourcePrefixListId)
          : render(r.SourceSecurityGroupId),
    from: Number(r.FromPort),
    to: Number(r.ToPort),
  });
  const inline = Object.entries(resourcesOf(template, "AWS::EC2::SecurityGroup")).flatMap(([id, g]) =>
    asArray(g.Properties?.SecurityGroupIngress as Record<string, unknown>[]).map((r) => rule(`\${${id}.GroupId}`, r)),
  );
  const separate = Object.values(resourcesOf(template, "AWS::EC2::SecurityGroupIngress")).map((r) =>
    rule(render(r.Properties?.GroupId), r.Properties ?? {}),
  );
  return [...inline, ...separate];
}

beforeAll(() => {
  template = synthesize();
  const group = (name: string) =>
    `\${${logicalIdAt(template, "AWS::EC2::SecurityGroup", `/Network/${name}/`)}.GroupId}`;
  groups = {
    loadBalancer: group("LoadBalancer"),
    ui: group("Ui"),
    mlflow: group("Mlflow"),
    database: group("Database"),
  };
  ingress = ingressRules();
});

describe("security groups", () => {
  it("open only the load balancer to the world, on 443 and 80", () => {
    const open = ingress.filter((r) => r.source === "0.0.0.0/0" || r.source === "::/0");
    expect(open.map((r) => r.group)).toEqual([groups.loadBalancer, groups.loadBalancer]);
    expect(open.map((r) => [r.from, r.to]).sort()).toEqual([
      [443, 443],
      [80, 80],
    ]);
  });

  it("let only the load balancer reach the UI, on 3000", () => {
    expect(ingress.filter((r) => r.group === groups.ui)).toEqual([
      { group: groups.ui, source: groups.loadBalancer, from: 3000, to: 3000 },
    ]);
  });

  it("let only the UI reach MLflow, on 5000", () => {
    expect(ingress.filter((r) => r.group === groups.mlflow)).toEqual([
      { group: groups.mlflow, source: groups.ui, from: 5000, to: 5000 },
    ]);
  });

  it("let only the UI and MLflow reach PostgreSQL, on 5432", () => {
    const rules = ingress.filter((r) => r.group === groups.database);
    expect(rules.map((r) => [r.source, r.from, r.to]).sort()).toEqual(
      [
        [groups.ui, 5432, 5432],
        [groups.mlflow, 5432, 5432],
      ].sort(),
    );
  });

  it("give every group but the load balancer's no address-range ingress at all", () => {
    const byRange = ingress.filter((r) => !r.source.startsWith("${"));
    expect(byRange.every((r) => r.group === groups.loadBalancer)).toBe(true);
  });
});

describe("the public load balancer", () => {
  it("is internet-facing in the public subnets, and the only load balancer", () => {
    const [, loadBalancer] = onlyResource(template, "AWS::ElasticLoadBalancingV2::LoadBalancer");
    expect(loadBalancer.Properties?.Scheme).toBe("internet-facing");
    expect((loadBalancer.Properties?.SecurityGroups as unknown[]).map(render)).toEqual([groups.loadBalancer]);
  });

  it("serves HTTPS on 443 with the certificate and a TLS 1.3 policy, forwarding to the UI's target group", () => {
    const listeners = Object.values(resourcesOf(template, "AWS::ElasticLoadBalancingV2::Listener"));
    expect(listeners.map((l) => [l.Properties?.Port, l.Properties?.Protocol]).sort()).toEqual([
      [443, "HTTPS"],
      [80, "HTTP"],
    ]);
    const https = listeners.find((l) => l.Properties?.Port === 443)?.Properties ?? {};
    expect(https.Certificates).toEqual([{ CertificateArn: SAMPLE_CONTEXT.certificateArn }]);
    expect(https.SslPolicy).toMatch(/^ELBSecurityPolicy-TLS13-1-[23]-/);
    const [groupId] = onlyResource(template, "AWS::ElasticLoadBalancingV2::TargetGroup");
    expect(https.DefaultActions).toEqual([{ Type: "forward", TargetGroupArn: { Ref: groupId } }]);
    expect(Object.values(resourcesOf(template, "AWS::ElasticLoadBalancingV2::ListenerRule"))).toEqual([]);
  });

  it("answers HTTP on 80 only with a permanent redirect to HTTPS", () => {
    const http = Object.values(resourcesOf(template, "AWS::ElasticLoadBalancingV2::Listener")).find(
      (l) => l.Properties?.Port === 80,
    );
    expect(http?.Properties?.DefaultActions).toEqual([
      { Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" } },
    ]);
  });

  it("checks the UI's /api/health on port 3000, and has no target on MLflow's port", () => {
    const [, group] = onlyResource(template, "AWS::ElasticLoadBalancingV2::TargetGroup");
    expect(group.Properties).toMatchObject({
      Port: 3000,
      Protocol: "HTTP",
      TargetType: "ip",
      HealthCheckPath: "/api/health",
      Matcher: { HttpCode: "200" },
    });
  });

  it("points the domain's alias record at it when a hosted zone is given", () => {
    const [, record] = onlyResource(template, "AWS::Route53::RecordSet");
    expect(record.Properties).toMatchObject({
      Name: `${SAMPLE_CONTEXT.domainName}.`,
      Type: "A",
      HostedZoneId: SAMPLE_CONTEXT.hostedZoneId,
    });
    const [loadBalancerId] = onlyResource(template, "AWS::ElasticLoadBalancingV2::LoadBalancer");
    expect(render((record.Properties?.AliasTarget as { DNSName: unknown }).DNSName)).toContain(
      `\${${loadBalancerId}.DNSName}`,
    );
  });
});

describe("the services", () => {
  const service = (name: string) =>
    resourcesOf(template, "AWS::ECS::Service")[logicalIdAt(template, "AWS::ECS::Service", `/Services/${name}/`)];

  it("run in subnets whose only way out is the NAT gateway, without public addresses", () => {
    const routes = Object.values(resourcesOf(template, "AWS::EC2::Route"));
    const associations = Object.values(resourcesOf(template, "AWS::EC2::SubnetRouteTableAssociation"));
    for (const name of ["UiService", "MlflowService"]) {
      const network = (
        service(name)?.Properties?.NetworkConfiguration as { AwsvpcConfiguration: Record<string, unknown> }
      ).AwsvpcConfiguration;
      expect(network.AssignPublicIp).toBe("DISABLED");
      const subnets = (network.Subnets as unknown[]).map(render);
      expect(subnets).toHaveLength(2);
      for (const subnet of subnets) {
        const table = associations.find((a) => render(a.Properties?.SubnetId) === subnet)?.Properties?.RouteTableId;
        const out = routes.filter((r) => render(r.Properties?.RouteTableId) === render(table));
        expect(out.map((r) => r.Properties?.DestinationCidrBlock)).toEqual(["0.0.0.0/0"]);
        expect(out[0]?.Properties).toHaveProperty("NatGatewayId");
        expect(out[0]?.Properties).not.toHaveProperty("GatewayId");
      }
    }
  });

  it("put the UI behind the target group and MLflow behind none, found by private DNS instead", () => {
    const [groupId] = onlyResource(template, "AWS::ElasticLoadBalancingV2::TargetGroup");
    expect(service("UiService")?.Properties?.LoadBalancers).toEqual([
      { ContainerName: "ui", ContainerPort: 3000, TargetGroupArn: { Ref: groupId } },
    ]);
    expect(asArray(service("MlflowService")?.Properties?.LoadBalancers as unknown[])).toEqual([]);
    const [discoveryId, discovery] = onlyResource(template, "AWS::ServiceDiscovery::Service");
    expect(service("MlflowService")?.Properties?.ServiceRegistries).toEqual([
      { RegistryArn: { "Fn::GetAtt": [discoveryId, "Arn"] } },
    ]);
    expect(discovery.Properties).toMatchObject({ Name: "mlflow", DnsConfig: { DnsRecords: [{ Type: "A", TTL: 10 }] } });
    const [, namespace] = onlyResource(template, "AWS::ServiceDiscovery::PrivateDnsNamespace");
    expect(namespace.Properties?.Name).toBe("mltrack.internal");
    expect(Object.keys(resourcesOf(template, "AWS::ServiceDiscovery::PublicDnsNamespace"))).toEqual([]);
  });
});

describe("the VPC", () => {
  it("spans two zones with public, private and isolated subnets, and one NAT gateway unless asked for two", () => {
    expect(Object.keys(resourcesOf(template, "AWS::EC2::Subnet"))).toHaveLength(6);
    expect(Object.keys(resourcesOf(template, "AWS::EC2::NatGateway"))).toHaveLength(1);
    const two = synthesize({ ...SAMPLE_CONTEXT, natGateways: "2" });
    expect(Object.keys(two.findResources("AWS::EC2::NatGateway"))).toHaveLength(2);
  });

  it("sends S3 traffic through the gateway endpoint, not the NAT", () => {
    const [, endpoint] = onlyResource(template, "AWS::EC2::VPCEndpoint");
    expect(endpoint.Properties?.VpcEndpointType).toBe("Gateway");
    expect(render(endpoint.Properties?.ServiceName)).toContain(".s3");
  });
});
