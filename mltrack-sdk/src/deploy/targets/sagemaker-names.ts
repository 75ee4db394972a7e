/**
 * SageMaker resource names (`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`: letters, digits and dashes, no
 * underscores, at most 63 characters) and the S3 key of each model's tarball.
 */
import { randomBytes } from "node:crypto";

export const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const MAX = 63;

/** Letters and digits of `text`, every other run of characters one dash, no dash at either end. */
export function toNamePart(text: string): string {
  return text
    .replace(/[^a-zA-Z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
}

/** `head` cut so that `head` + `tail` fits in 63 characters, never ending in a dash. */
function fit(head: string, tail: string): string {
  const room = MAX - tail.length;
  return `${head.slice(0, Math.max(0, room)).replace(/-+$/, "")}${tail}`;
}

/** The endpoint name: the configured one, else `mltrack-<model>-<deployment id>`. */
export function endpointNameFor(modelName: string, deploymentId: string, configured?: string): string {
  if (configured) return configured;
  const model = toNamePart(modelName) || "model";
  return fit(`mltrack-${model}`, `-${toNamePart(deploymentId)}`);
}

/** A short random suffix: names stay unique though moto (and a retry) would overwrite duplicates. */
export const uniqueSuffix = (): string => randomBytes(4).toString("hex");

/** `<endpoint>-v<version>-<hex>`: the SageMaker model serving one version behind the endpoint. */
export function modelResourceName(endpointName: string, modelVersion: string, suffix = uniqueSuffix()): string {
  return fit(endpointName, `-v${toNamePart(modelVersion)}-${suffix}`);
}

/** `<endpoint>-config-<hex>`. */
export function endpointConfigNameFor(endpointName: string, suffix = uniqueSuffix()): string {
  return fit(endpointName, `-config-${suffix}`);
}

/** The production variant serving one version: `version-<N>`. */
export const variantNameFor = (modelVersion: string): string => `version-${toNamePart(modelVersion)}`;

/** MLflow's default bucket: `mlflow-sagemaker-<region>-<account>`. */
export const defaultBucket = (region: string, accountId: string): string => `mlflow-sagemaker-${region}-${accountId}`;

/** Where a model's tarball goes: `<model resource name>/model.tar.gz` (MLflow uses the model name as prefix). */
export const tarballKey = (modelResourceName_: string): string => `${modelResourceName_}/model.tar.gz`;

/** The CloudWatch log group SageMaker writes an endpoint's container logs to. */
export const logGroupFor = (endpointName: string): string => `/aws/sagemaker/Endpoints/${endpointName}`;

/** Tag values allow letters, digits, spaces and `_ . : / = + - @`, at most 256 characters. */
export const toTagValue = (text: string): string => text.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, "-").slice(0, 256);
