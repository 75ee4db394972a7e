/** Client options, with env fallbacks for whatever the caller does not pass. */
import { MltrackConfigError } from "./errors";

export type MlflowAuth = { type: "basic"; username: string; password: string } | { type: "bearer"; token: string };

export interface MlflowClientOptions {
  /** The MLflow server (or an MLTrack gateway). Falls back to `MLFLOW_TRACKING_URI`. */
  trackingUri?: string;
  /**
   * Credentials. Falls back to `MLFLOW_TRACKING_USERNAME`/`MLFLOW_TRACKING_PASSWORD` (basic) or
   * `MLFLOW_TRACKING_TOKEN` (bearer), as MLflow's own clients do. `null` sends none.
   */
  auth?: MlflowAuth | null;
  /** Per-attempt timeout in milliseconds. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Longest `Retry-After` the client will wait; a longer one fails the call. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Backoff without `Retry-After`: min(baseMs * 2^n, maxMs), less up to 25% jitter. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Injectable `fetch` (tests, proxies, custom agents). Default: the global one. */
  fetch?: typeof fetch;
  /** Where env fallbacks are read from. Default: `process.env`. */
  env?: Record<string, string | undefined>;
}

export interface ResolvedConfig {
  /** Origin plus any path prefix, without a trailing slash. */
  baseUrl: string;
  auth: MlflowAuth | null;
  timeoutMs: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  headers: Record<string, string>;
  fetch: typeof fetch;
}

function processEnv(): Record<string, string | undefined> {
  return typeof process === "undefined" ? {} : process.env;
}

export function resolveConfig(options: MlflowClientOptions = {}): ResolvedConfig {
  const env = options.env ?? processEnv();
  const uri = options.trackingUri ?? env.MLFLOW_TRACKING_URI;
  if (!uri) {
    throw new MltrackConfigError(
      "No MLflow server configured: pass `trackingUri` or set MLFLOW_TRACKING_URI (for example http://127.0.0.1:5001).",
    );
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new MltrackConfigError(`MLFLOW_TRACKING_URI is not a URL: ${JSON.stringify(redactUrl(uri))}.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new MltrackConfigError(
      `MLflow tracking URI must be http(s)://, got ${url.protocol}//: MLTrack talks to a tracking server, not a local store.`,
    );
  }

  let auth = options.auth === undefined ? authFromEnv(env) : options.auth;
  if (url.username || url.password) {
    // fetch() refuses URLs with credentials: move them into basic auth unless auth was given.
    auth ??= { type: "basic", username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
    url.username = "";
    url.password = "";
  }

  const timeoutMs = positive(options.timeoutMs, 30_000, "timeoutMs");
  const maxRetries = nonNegativeInt(options.maxRetries, 2, "maxRetries");
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new MltrackConfigError("No fetch available: pass `fetch` or run on Node 20+.");
  }
  return {
    baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, "")}`,
    auth,
    timeoutMs,
    maxRetries,
    maxRetryAfterMs: positive(options.maxRetryAfterMs, 60_000, "maxRetryAfterMs"),
    backoffBaseMs: positive(options.backoff?.baseMs, 500, "backoff.baseMs"),
    backoffMaxMs: positive(options.backoff?.maxMs, 8_000, "backoff.maxMs"),
    headers: { ...options.headers },
    fetch: fetchImpl,
  };
}

export function authFromEnv(env: Record<string, string | undefined>): MlflowAuth | null {
  const { MLFLOW_TRACKING_USERNAME: username, MLFLOW_TRACKING_PASSWORD: password, MLFLOW_TRACKING_TOKEN: token } = env;
  if (username && password) return { type: "basic", username, password };
  if (username || password) {
    throw new MltrackConfigError("Set both MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or neither.");
  }
  if (token) return { type: "bearer", token };
  return null;
}

export function authorizationHeader(auth: MlflowAuth | null): string | undefined {
  if (!auth) return undefined;
  if (auth.type === "bearer") return `Bearer ${auth.token}`;
  return `Basic ${base64Utf8(`${auth.username}:${auth.password}`)}`;
}

/** The config as it may be logged or shown: credentials replaced. */
export function describeConfig(config: ResolvedConfig): Record<string, unknown> {
  return {
    trackingUri: config.baseUrl,
    auth: config.auth
      ? config.auth.type === "basic"
        ? `basic (${config.auth.username}:***)`
        : "bearer (***)"
      : "none",
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
  };
}

function base64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function redactUrl(uri: string): string {
  return uri.replace(/\/\/[^/@]*@/, "//***@");
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new MltrackConfigError(`${name} must be a positive number, got ${value}.`);
  return value;
}

function nonNegativeInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0)
    throw new MltrackConfigError(`${name} must be a whole number >= 0, got ${value}.`);
  return value;
}
