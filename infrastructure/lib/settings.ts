/**
 * The deploy-time settings, read from CDK context (`-c name=value`) and checked before anything is
 * built: a missing or malformed value fails the synth with the command that fixes it.
 */
import type { Node } from "constructs";

export interface MltrackSettings {
  /** The tag of the ui and mlflow images in their ECR repositories (immutable there; never `latest`). */
  imageTag: string;
  /** The host name people open MLTrack at; NEXTAUTH_URL is https://<domainName>. */
  domainName: string;
  /** An ACM certificate for domainName, in the stack's region. */
  certificateArn: string;
  /** A Route 53 public zone to create domainName's alias record in; without it, point the name at the load balancer yourself. */
  hostedZone?: { id: string; name: string };
  /** NAT gateways: 1 (default) or 2 for egress that survives the loss of either availability zone. */
  natGateways: number;
}

const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

export const EXAMPLE_COMMAND =
  "npx cdk deploy Mltrack -c imageTag=<git sha> -c domainName=mltrack.example.com -c certificateArn=arn:aws:acm:<region>:<account>:certificate/<id>";

/** The settings from `node`'s context; throws one error naming every problem. */
export function settingsFromContext(node: Node): MltrackSettings {
  const text = (name: string): string | undefined => {
    const value: unknown = node.tryGetContext(name);
    if (value === undefined || value === null || value === "") return undefined;
    return String(value).trim();
  };
  const problems: string[] = [];
  const required = (name: string, pattern: RegExp, what: string): string => {
    const value = text(name);
    if (value === undefined) problems.push(`${name} is missing: ${what}`);
    else if (!pattern.test(value)) problems.push(`${name}=${value} is not ${what}`);
    return value ?? "";
  };

  const imageTag = required("imageTag", IMAGE_TAG, "an image tag such as a git commit SHA");
  if (imageTag === "latest") {
    problems.push("imageTag=latest names no particular build: tag the images with a version or commit SHA");
  }
  const domainName = required("domainName", DOMAIN_NAME, "a lower-case host name such as mltrack.example.com");
  const certificateArn = required("certificateArn", CERTIFICATE_ARN, "an ACM certificate ARN");

  const zoneId = text("hostedZoneId");
  const zoneName = text("hostedZoneName");
  let hostedZone: MltrackSettings["hostedZone"];
  if (zoneId || zoneName) {
    if (!zoneId || !zoneName) problems.push("hostedZoneId and hostedZoneName go together");
    else if (!HOSTED_ZONE_ID.test(zoneId)) problems.push(`hostedZoneId=${zoneId} is not a Route 53 zone id`);
    else if (domainName !== zoneName && !domainName.endsWith(`.${zoneName}`)) {
      problems.push(`domainName=${domainName} is not in hostedZoneName=${zoneName}`);
    } else hostedZone = { id: zoneId, name: zoneName };
  }

  const nat = text("natGateways") ?? "1";
  const natGateways = Number(nat);
  if (natGateways !== 1 && natGateways !== 2) problems.push(`natGateways=${nat} must be 1 or 2`);

  if (problems.length > 0) {
    throw new Error(
      `MLTrack's stack needs these context values:\n  - ${problems.join("\n  - ")}\nFor example: ${EXAMPLE_COMMAND}`,
    );
  }
  return { imageTag, domainName, certificateArn, natGateways, ...(hostedZone ? { hostedZone } : {}) };
}
