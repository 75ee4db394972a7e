/**
 * Every error a route handler can meet becomes a response here, in a fixed order: zod, MLflow,
 * the deploy engine's, MLTrack's own, then anything else as a generic 500 whose detail is logged and
 * never echoed.
 * The gateway answers in MLflow's shape so MLflow clients keep working; MLTrack's API in its own.
 */
import "server-only";
import { ZodError } from "zod";
import { DeployError } from "mltrack-sdk/deploy-config";
import { MlflowError, describeIssues, httpStatusForErrorCode, type MlflowErrorCode } from "mltrack-sdk/mlflow";
import { log } from "../log";

export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: MlflowErrorCode;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(
    code: MlflowErrorCode,
    message: string,
    options: { status?: number; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? httpStatusForErrorCode(code);
    this.headers = options.headers ?? {};
  }
}

/** `{ error_code, message }` for the MLflow gateway, `{ error: { code, message } }` for MLTrack's API. */
export type ErrorFormat = "mlflow" | "app";

export interface ErrorDescription {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
  /** What to do about it (deploy errors). */
  hint?: string;
  /** Each bad field and what is wrong with it (`config.region`: "An AWS region such as us-east-1"). */
  fields?: Record<string, string>;
}

export function describeError(err: unknown): ErrorDescription {
  if (err instanceof ZodError) {
    return { status: 400, code: "INVALID_PARAMETER_VALUE", message: describeIssues(err) };
  }
  if (err instanceof MlflowError) {
    return { status: httpStatusForErrorCode(err.errorCode, err.httpStatus), code: err.errorCode, message: err.message };
  }
  if (err instanceof DeployError) {
    // The engine's message is meant for the user (a child's stderr tail, SageMaker's reason, verbatim).
    return {
      status: httpStatusForErrorCode(err.code),
      code: err.code,
      message: err.message,
      ...(err.hint ? { hint: err.hint } : {}),
      ...(err.fields && Object.keys(err.fields).length > 0 ? { fields: err.fields } : {}),
    };
  }
  if (err instanceof AppError) {
    return { status: err.status, code: err.code, message: err.message, headers: err.headers };
  }
  return { status: 500, code: "INTERNAL_ERROR", message: "Internal error in MLTrack; the server log has the details." };
}

export function errorBody(
  format: ErrorFormat,
  code: string,
  message: string,
  details: Pick<ErrorDescription, "hint" | "fields"> = {},
): unknown {
  return format === "mlflow" ? { error_code: code, message } : { error: { code, message, ...details } };
}

export function toErrorResponse(
  err: unknown,
  format: ErrorFormat,
  request: { method: string; path: string },
): Response {
  const described = describeError(err);
  const { status } = described;
  const fields = { ...request, status, code: described.code };
  if (status >= 500) {
    const detail =
      err instanceof Error ? { error: `${err.name}: ${err.message}`, stack: err.stack } : { error: String(err) };
    log("error", described.message, { ...fields, ...detail });
  } else {
    log(status === 401 || status === 404 ? "info" : "warn", described.message, fields);
  }
  const details = {
    ...(described.hint ? { hint: described.hint } : {}),
    ...(described.fields ? { fields: described.fields } : {}),
  };
  return Response.json(errorBody(format, described.code, described.message, details), {
    status,
    headers: described.headers ?? {},
  });
}
