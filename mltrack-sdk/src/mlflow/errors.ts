import { errorCodeForHttpStatus } from "./error-codes";

export interface MlflowErrorInit {
  errorCode: string;
  message: string;
  httpStatus: number;
  /** `METHOD path` of the request that failed, for logs; never carries credentials. */
  endpoint?: string;
  requestId?: string;
  cause?: unknown;
}

/** Marks an MlflowError from any copy of this module (see `MlflowError[Symbol.hasInstance]`). */
const BRAND = Symbol.for("mltrack.MlflowError");

/**
 * A failed MLflow call. Keeps MLflow's own `error_code`, its message and the HTTP status,
 * so callers branch on `errorCode` and the UI can hand the same body back to MLflow clients.
 */
export class MlflowError extends Error {
  override readonly name: string = "MlflowError";
  readonly errorCode: string;
  readonly httpStatus: number;
  readonly endpoint: string | undefined;
  readonly requestId: string | undefined;
  readonly [BRAND] = true;

  /**
   * `err instanceof MlflowError` holds for an error from another copy of this package too: Next
   * bundles a package once per server layer, and the UI's direct routes meet errors from the routes'
   * copy. Subclasses keep the ordinary prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== MlflowError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  constructor(init: MlflowErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.errorCode = init.errorCode;
    this.httpStatus = init.httpStatus;
    this.endpoint = init.endpoint;
    this.requestId = init.requestId;
  }

  /** MLflow's wire shape: `{ "error_code": ..., "message": ... }`. */
  toJSON(): { error_code: string; message: string } {
    return { error_code: this.errorCode, message: this.message };
  }
}

export class MlflowBadRequestError extends MlflowError {
  override readonly name = "MlflowBadRequestError";
}
export class MlflowAuthenticationError extends MlflowError {
  override readonly name = "MlflowAuthenticationError";
}
export class MlflowPermissionDeniedError extends MlflowError {
  override readonly name = "MlflowPermissionDeniedError";
}
export class MlflowNotFoundError extends MlflowError {
  override readonly name = "MlflowNotFoundError";
}
export class MlflowConflictError extends MlflowError {
  override readonly name = "MlflowConflictError";
}
export class MlflowRateLimitError extends MlflowError {
  override readonly name = "MlflowRateLimitError";
}
export class MlflowServerError extends MlflowError {
  override readonly name = "MlflowServerError";
}

/** The server could not be reached at all (refused, reset, DNS, TLS). */
export class MlflowConnectionError extends MlflowError {
  override readonly name = "MlflowConnectionError";
  constructor(init: Omit<MlflowErrorInit, "errorCode" | "httpStatus">) {
    super({ ...init, errorCode: "TEMPORARILY_UNAVAILABLE", httpStatus: 503 });
  }
}

/** An attempt took longer than its timeout. */
export class MlflowTimeoutError extends MlflowError {
  override readonly name = "MlflowTimeoutError";
  constructor(init: Omit<MlflowErrorInit, "errorCode" | "httpStatus">) {
    super({ ...init, errorCode: "DEADLINE_EXCEEDED", httpStatus: 504 });
  }
}

/** MLflow answered 2xx with a body this client cannot read: a server or proxy it does not know. */
export class MlflowResponseError extends MlflowError {
  override readonly name = "MlflowResponseError";
  constructor(init: Omit<MlflowErrorInit, "errorCode" | "httpStatus"> & { httpStatus?: number }) {
    super({ ...init, errorCode: "INTERNAL_ERROR", httpStatus: init.httpStatus ?? 502 });
  }
}

/** Options were missing or wrong before any request was made. */
export class MltrackConfigError extends Error {
  override readonly name = "MltrackConfigError";
}

function classFor(status: number): typeof MlflowError {
  if (status === 400) return MlflowBadRequestError;
  if (status === 401) return MlflowAuthenticationError;
  if (status === 403) return MlflowPermissionDeniedError;
  if (status === 404) return MlflowNotFoundError;
  if (status === 409) return MlflowConflictError;
  if (status === 429) return MlflowRateLimitError;
  if (status >= 500) return MlflowServerError;
  return MlflowError;
}

/** Builds the error for a non-2xx answer, whatever its body (JSON, text, HTML or empty). */
export function mlflowErrorFromResponse(
  status: number,
  contentType: string | null,
  bodyText: string,
  context: { endpoint?: string; requestId?: string } = {},
): MlflowError {
  const parsed = parseErrorBody(contentType, bodyText);
  const errorCode = parsed?.errorCode ?? errorCodeForHttpStatus(status);
  const message = parsed?.message ?? (describeBody(bodyText) || `HTTP ${status}`);
  const ErrorClass = classFor(status);
  return new ErrorClass({ errorCode, message, httpStatus: status, ...context });
}

function parseErrorBody(
  contentType: string | null,
  bodyText: string,
): { errorCode: string; message: string } | undefined {
  if (!bodyText || !(contentType ?? "").includes("json")) return undefined;
  try {
    const body: unknown = JSON.parse(bodyText);
    if (body && typeof body === "object" && "error_code" in body) {
      const { error_code: code, message } = body as { error_code: unknown; message?: unknown };
      if (typeof code === "string") {
        return { errorCode: code, message: typeof message === "string" ? message : code };
      }
    }
  } catch {
    // Not JSON after all: fall through to the text description.
  }
  return undefined;
}

/** A one-line description of a text or HTML body (the `<title>` of an HTML error page). */
function describeBody(bodyText: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(bodyText)?.[1];
  const text = title ?? bodyText.replace(/<[^>]*>/g, " ");
  return text.replace(/\s+/g, " ").trim().slice(0, 500);
}
