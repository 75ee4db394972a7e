/**
 * AWS failures as `DeployError`s: the service's message verbatim, a code the UI maps to a status, and
 * a hint of what to do (deploy-targets.md §2 and §5). SageMaker does not model ValidationException,
 * so errors are told apart by `err.name`, never by class.
 */
import { DeployError, type DeployErrorCode } from "../errors";
import { logGroupFor } from "./sagemaker-names";

interface AwsLikeError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

const asAws = (err: unknown): AwsLikeError => (typeof err === "object" && err !== null ? (err as AwsLikeError) : {});

export const errorName = (err: unknown): string => asAws(err).name ?? "";
export const errorMessage = (err: unknown): string =>
  err instanceof Error || typeof asAws(err).message === "string" ? String(asAws(err).message) : String(err);
export const httpStatusOf = (err: unknown): number | undefined => asAws(err).$metadata?.httpStatusCode;

/** SageMaker's answer for a missing endpoint, model or endpoint configuration. */
export const isNotFound = (err: unknown): boolean =>
  (errorName(err) === "ValidationException" && /Could not find/i.test(errorMessage(err))) ||
  errorName(err) === "ResourceNotFound" ||
  errorName(err) === "NoSuchKey" ||
  errorName(err) === "NoSuchBucket" ||
  errorName(err) === "NotFound";

const UNAUTHENTICATED = new Set([
  "CredentialsProviderError",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidAccessKeyId",
  "MissingAuthenticationToken",
]);
const DENIED = new Set(["AccessDenied", "AccessDeniedException", "Forbidden"]);
const NETWORK = new Set(["ECONNREFUSED", "ENOTFOUND", "ECONNRESET", "ETIMEDOUT", "EAI_AGAIN"]);

function validationHint(message: string): string | undefined {
  if (/instanceType|instance type/i.test(message)) {
    return "Pick another instance type (SageMaker real-time inference types such as ml.m5.large).";
  }
  if (/role|PassRole|assume/i.test(message)) {
    return "Check the execution role ARN: it must trust sagemaker.amazonaws.com, and the caller needs iam:PassRole on it.";
  }
  if (/already existing|already exists/i.test(message)) {
    return "Choose another endpoint name, or undeploy the deployment that owns it.";
  }
  if (/image|ECR|manifest/i.test(message)) {
    return "Check the image URI: it must be an ECR image the role can pull (build it with `mlflow sagemaker build-and-push-container`).";
  }
  if (/Could not find/i.test(message)) return "The resource is gone: it was deleted outside MLTrack.";
  return undefined;
}

/** An AWS SDK failure (or anything thrown while talking to AWS) as a `DeployError`. */
export function toDeployError(err: unknown, endpoint?: string): DeployError {
  if (err instanceof DeployError) return err;
  const name = errorName(err);
  const message = errorMessage(err);
  const make = (code: DeployErrorCode, hint?: string) => new DeployError(code, message, { hint, cause: err });

  if (name === "ValidationException") {
    const code: DeployErrorCode = /Could not find/i.test(message)
      ? "RESOURCE_DOES_NOT_EXIST"
      : /already existing|already exists/i.test(message)
        ? "RESOURCE_CONFLICT"
        : "INVALID_PARAMETER_VALUE";
    return make(code, validationHint(message));
  }
  if (name === "ResourceLimitExceeded") {
    return make(
      "INVALID_PARAMETER_VALUE",
      "An account quota is exhausted: pick another instance type or count, or request an increase in Service Quotas (SageMaker, '<type> for endpoint usage').",
    );
  }
  if (name === "ResourceInUse" || name === "ConflictException") {
    return make("RESOURCE_CONFLICT", "Another operation holds this resource; wait for it to finish and retry.");
  }
  if (name === "ResourceNotFound") return make("RESOURCE_DOES_NOT_EXIST", validationHint(message));
  if (name === "BucketAlreadyExists") {
    return make(
      "RESOURCE_CONFLICT",
      "The bucket name belongs to another AWS account: set another bucket in the config.",
    );
  }
  if (UNAUTHENTICATED.has(name)) {
    return make(
      "UNAUTHENTICATED",
      "Give the MLTrack server AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or an instance role).",
    );
  }
  if (DENIED.has(name) || httpStatusOf(err) === 403) {
    return make(
      "PERMISSION_DENIED",
      "The credentials lack a permission: SageMaker Create/Describe/Delete on models, endpoint configs and endpoints, S3 on the bucket, and iam:PassRole on the execution role.",
    );
  }
  const code = asAws(err).code;
  if (code && NETWORK.has(code)) {
    return make(
      "INTERNAL_ERROR",
      endpoint
        ? `AWS could not be reached at ${endpoint} (MLTRACK_AWS_ENDPOINT_URL).`
        : "AWS could not be reached: check the server's network and region.",
    );
  }
  return new DeployError("INTERNAL_ERROR", name && name !== "Error" ? `${name}: ${message}` : message, { cause: err });
}

/** The hint for an endpoint that ended `Failed` (§5: quota, ping, pip/egress, image manifest). */
export function failureHint(endpointName: string, failureReason: string): string {
  const logs = `Container logs: CloudWatch log group ${logGroupFor(endpointName)}.`;
  if (/service limit|quota|ResourceLimitExceeded/i.test(failureReason)) {
    return `Pick another instance type or request a quota increase in Service Quotas. ${logs}`;
  }
  if (/pip|PyPI|egress|network|Could not install|timed out|timeout/i.test(failureReason)) {
    return `The container installs the model's requirements at start: give it egress (a NAT in a VPC) or use an image with them prebuilt, and raise the startup health-check timeout. ${logs}`;
  }
  if (/manifest|OCI|media type/i.test(failureReason)) {
    return `SageMaker rejected the image manifest: rebuild and push the image with Docker's v2 schema (\`mlflow sagemaker build-and-push-container\`). ${logs}`;
  }
  if (/ping health check/i.test(failureReason)) return `The serving container did not start. ${logs}`;
  return logs;
}
