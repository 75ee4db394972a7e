/** What a deployment's record says about the resources it holds (names, ids, ports, variants). */
import type { Deployment } from "mltrack-sdk/deploy-config";

export interface DeploymentResource {
  label: string;
  value: string;
}

const LABELS: Record<string, string> = {
  pid: "Scoring server process id",
  port: "Loopback port",
  hostname: "Host",
  logFile: "Log file",
  appName: "Modal app",
  environment: "Modal environment",
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/**
 * What undeploy removes. SageMaker: every endpoint, endpoint config, model and S3 object the
 * deployment created (its runtime's `created` lists); elsewhere the runtime's plain values.
 */
export function resourcesOf(deployment: Deployment): DeploymentResource[] {
  const runtime = deployment.runtime;
  if (deployment.target === "sagemaker") {
    const created = isRecord(runtime.created) ? runtime.created : {};
    const bucket = typeof runtime.bucket === "string" ? runtime.bucket : null;
    const out: DeploymentResource[] = [];
    const endpoint = typeof created.endpoint === "string" ? created.endpoint : null;
    if (endpoint) out.push({ label: "Endpoint", value: endpoint });
    for (const name of strings(created.endpointConfigs)) out.push({ label: "Endpoint config", value: name });
    for (const name of strings(created.models)) out.push({ label: "Model", value: name });
    for (const key of strings(created.objects))
      out.push({ label: "S3 object", value: bucket ? `s3://${bucket}/${key}` : key });
    return out;
  }
  const out: DeploymentResource[] = [];
  for (const [key, value] of Object.entries(runtime)) {
    if (typeof value === "string" || typeof value === "number") {
      if (String(value) !== "") out.push({ label: LABELS[key] ?? key, value: String(value) });
    }
  }
  return out;
}

/** SageMaker's endpoint name, for the AWS CLI snippet. */
export function sagemakerEndpointName(deployment: Deployment): string | null {
  const fromRuntime = deployment.runtime.endpointName;
  if (typeof fromRuntime === "string" && fromRuntime) return fromRuntime;
  const fromConfig = deployment.config.endpointName;
  return typeof fromConfig === "string" && fromConfig ? fromConfig : null;
}

export interface VariantWeight {
  variantName: string;
  modelVersion: string;
  weight: number;
}

/** A SageMaker deployment's live production variants and their traffic weights (runtime `variants`). */
export function variantsOf(deployment: Deployment): VariantWeight[] {
  const variants = deployment.runtime.variants;
  if (!Array.isArray(variants)) return [];
  return variants.flatMap((v) =>
    isRecord(v) && typeof v.variantName === "string" && typeof v.weight === "number"
      ? [{ variantName: v.variantName, modelVersion: String(v.modelVersion ?? ""), weight: v.weight }]
      : [],
  );
}

/** The CloudWatch log group of a SageMaker endpoint (`/aws/sagemaker/Endpoints/<name>`) in the console. */
export function cloudWatchLogsUrl(deployment: Deployment): string | null {
  const name = sagemakerEndpointName(deployment);
  const region = typeof deployment.config.region === "string" ? deployment.config.region : null;
  if (deployment.target !== "sagemaker" || !name || !region || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) return null;
  // The console's fragment escapes "/" as "$252F" (a URL-encoded "%2F").
  const group = `/aws/sagemaker/Endpoints/${name}`.replace(/\//g, "$252F");
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${group}`;
}
