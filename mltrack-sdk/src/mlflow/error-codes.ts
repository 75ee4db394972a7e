/**
 * MLflow's error codes and their HTTP statuses, as in `mlflow/exceptions.py`
 * (`ERROR_CODE_TO_HTTP_STATUS` and its inverse). Branch on the code, not the status:
 * several codes share one status, and RESOURCE_ALREADY_EXISTS is a 400, not a 409.
 */
export const ERROR_CODE_TO_HTTP_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  UNAUTHENTICATED: 401,
  CUSTOMER_UNAUTHORIZED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ENDPOINT_NOT_FOUND: 404,
  RESOURCE_DOES_NOT_EXIST: 404,
  ALREADY_EXISTS: 409,
  RESOURCE_CONFLICT: 409,
  ABORTED: 409,
  REQUEST_LIMIT_EXCEEDED: 429,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL_ERROR: 500,
  INVALID_STATE: 500,
  DATA_LOSS: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
} as const;

export type MlflowErrorCode = keyof typeof ERROR_CODE_TO_HTTP_STATUS;

const HTTP_STATUS_TO_ERROR_CODE: Readonly<Record<number, MlflowErrorCode>> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "ENDPOINT_NOT_FOUND",
  409: "RESOURCE_CONFLICT",
  429: "REQUEST_LIMIT_EXCEEDED",
  499: "CANCELLED",
  500: "INTERNAL_ERROR",
  501: "NOT_IMPLEMENTED",
  503: "TEMPORARILY_UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export function isMlflowErrorCode(code: unknown): code is MlflowErrorCode {
  return typeof code === "string" && Object.hasOwn(ERROR_CODE_TO_HTTP_STATUS, code);
}

/** The HTTP status MLflow uses for a code; an unknown code keeps `fallback` (500 in MLflow). */
export function httpStatusForErrorCode(code: string, fallback = 500): number {
  return isMlflowErrorCode(code) ? ERROR_CODE_TO_HTTP_STATUS[code] : fallback;
}

/** The code to report for a bare HTTP status (non-JSON error bodies from proxies or auth). */
export function errorCodeForHttpStatus(status: number): MlflowErrorCode {
  return (
    HTTP_STATUS_TO_ERROR_CODE[status] ??
    (status >= 500 ? "INTERNAL_ERROR" : status >= 400 ? "BAD_REQUEST" : "INTERNAL_ERROR")
  );
}
