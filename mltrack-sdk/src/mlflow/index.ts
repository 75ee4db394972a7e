/** `mltrack-sdk/mlflow`: the typed MLflow REST layer shared by the SDK and the UI. */
export { MlflowClient, describeIssues, fillPath, proxyPathOf, toQuery } from "./client";
export type { CallOptions, EndpointGroup, RawRequestOptions } from "./client";
export { authFromEnv, authorizationHeader, describeConfig, redactUrl, resolveConfig } from "./config";
export type { MlflowAuth, MlflowClientOptions, ResolvedConfig } from "./config";
export { endpoints } from "./endpoints";
export type {
  ArtifactPathFields,
  Endpoint,
  Endpoints,
  HttpMethod,
  JsonEndpoint,
  RawEndpoint,
  RetryPolicy,
} from "./endpoints";
export {
  ERROR_CODE_TO_HTTP_STATUS,
  errorCodeForHttpStatus,
  httpStatusForErrorCode,
  isMlflowErrorCode,
} from "./error-codes";
export type { MlflowErrorCode } from "./error-codes";
export {
  MlflowAuthenticationError,
  MlflowBadRequestError,
  MlflowConflictError,
  MlflowConnectionError,
  MlflowError,
  MlflowNotFoundError,
  MlflowPermissionDeniedError,
  MlflowRateLimitError,
  MlflowResponseError,
  MlflowServerError,
  MlflowTimeoutError,
  MltrackConfigError,
  mlflowErrorFromResponse,
} from "./errors";
export type { MlflowErrorInit } from "./errors";
export { backoffDelay, buildUrl, isRetryable, parseRetryAfter, planRetry, requestJson, send } from "./http";
export type { AttemptFailure, HttpRequest, JsonRequest, RequestBody } from "./http";
export { checkArtifactPath } from "./artifact-path";
export type { ArtifactPathCheck } from "./artifact-path";
export { collect, paginate } from "./paginate";
export {
  LLM_METRICS,
  LLM_TAGS,
  MLFLOW_TAGS,
  MLTRACK_ARTIFACTS,
  MLTRACK_METRICS,
  MLTRACK_TAGS,
  SYSTEM_METRIC_PREFIX,
} from "./tags";
export type { RunCategory, SourceType } from "./tags";
export { EntityKey, LIMITS, TagValue, resolvesElsewhere } from "./validation";
export type * from "./types";
export type {
  MlflowExperiment,
  MlflowFileInfo,
  MlflowKeyValue,
  MlflowLoggedModel,
  MlflowMetric,
  MlflowModelVersion,
  MlflowPermission,
  MlflowPermissionGrant,
  MlflowRegisteredModel,
  MlflowRun,
  MlflowRunInfo,
  MlflowUser,
} from "./wire";
