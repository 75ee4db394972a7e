/**
 * A deploy that cannot proceed. `code` is one of MLflow's error codes so the UI maps it to a status
 * in the same table as every other error (INVALID_PARAMETER_VALUE 400, RESOURCE_DOES_NOT_EXIST 404,
 * RESOURCE_CONFLICT 409, INTERNAL_ERROR 500); `hint` says what to do about it.
 */
export type DeployErrorCode =
  | "INVALID_PARAMETER_VALUE"
  | "RESOURCE_DOES_NOT_EXIST"
  | "RESOURCE_CONFLICT"
  | "UNAUTHENTICATED"
  | "PERMISSION_DENIED"
  | "INTERNAL_ERROR";

/** Marks a DeployError from any copy of this module (see `DeployError[Symbol.hasInstance]`). */
const BRAND = Symbol.for("mltrack.DeployError");

export class DeployError extends Error {
  override readonly name = "DeployError";
  readonly [BRAND] = true;

  /** Holds across copies of this package, as `MlflowError`'s does (Next bundles it once per server layer). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  readonly code: DeployErrorCode;
  readonly hint: string | undefined;
  /** For INVALID_PARAMETER_VALUE: each bad field (`config.timeoutSeconds`) and what is wrong with it. */
  readonly fields: Record<string, string> | undefined;

  constructor(
    code: DeployErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown; fields?: Record<string, string> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.fields = options.fields;
  }
}
