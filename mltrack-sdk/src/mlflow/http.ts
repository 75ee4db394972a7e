/**
 * The one HTTP core under the client and the gateway: `send()` makes a single attempt and hands back
 * the raw response (for streaming); `requestJson()` adds the per-attempt timeout, retries with capped
 * exponential backoff and jitter honouring `Retry-After`, and turns failures into `MlflowError`s.
 */
import { authorizationHeader, type ResolvedConfig } from "./config";
import type { HttpMethod, RetryPolicy } from "./endpoints";
import {
  MlflowConnectionError,
  type MlflowError,
  MlflowResponseError,
  MlflowTimeoutError,
  mlflowErrorFromResponse,
} from "./errors";

/** What `fetch` accepts as a body (the DOM's BodyInit, which Node's types do not name). */
export type RequestBody = NonNullable<RequestInit["body"]>;

export interface HttpRequest {
  method: HttpMethod | "HEAD";
  /** Absolute path on the server, already encoded (`/api/2.0/mlflow/runs/get`). */
  path: string;
  /** Query string without `?`, or parameters to encode. */
  query?: string | URLSearchParams;
  body?: RequestBody | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Error codes of a connection that was never made, so even an unsafe request did not run. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ERR_INVALID_URL"]);

export function buildUrl(config: ResolvedConfig, path: string, query?: string | URLSearchParams): string {
  const qs = query === undefined ? "" : String(query);
  return `${config.baseUrl}${path}${qs ? `?${qs}` : ""}`;
}

/** One attempt, no retries, no timeout of its own: the caller's signal decides. */
export async function send(config: ResolvedConfig, req: HttpRequest): Promise<Response> {
  const headers: Record<string, string> = { ...config.headers, ...req.headers };
  const authorization = authorizationHeader(config.auth);
  if (authorization) headers.authorization = authorization;
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, body: req.body ?? null };
  if (req.signal) init.signal = req.signal;
  // A streamed request body (artifact uploads through the gateway) needs half-duplex.
  if (req.body instanceof ReadableStream) init.duplex = "half";
  return config.fetch(buildUrl(config, req.path, req.query), init);
}

export interface JsonRequest {
  method: HttpMethod;
  path: string;
  query?: URLSearchParams;
  json?: unknown;
  retry: RetryPolicy;
  signal?: AbortSignal;
}

/** Sends with retries and returns the parsed JSON body (`{}` for an empty 2xx body). */
export async function requestJson(config: ResolvedConfig, req: JsonRequest): Promise<unknown> {
  const endpoint = `${req.method} ${req.path}`;
  const body = req.json === undefined ? undefined : JSON.stringify(req.json);
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptJson(config, req, endpoint, body);
    if (outcome.ok) return outcome.value;
    const delay = attempt < config.maxRetries ? planRetry(outcome, req.retry, attempt, config) : undefined;
    if (delay === undefined) throw outcome.error;
    await sleep(delay, req.signal);
  }
}

/** A failed attempt, with what the retry decision needs to know about it. */
export interface AttemptFailure {
  ok: false;
  error: MlflowError;
  /** HTTP status, absent when no response arrived. */
  status?: number;
  retryAfter?: string | null;
  /** The connection was never made, so not even an unsafe request ran. */
  notSent?: boolean;
  timedOut?: boolean;
}

type Outcome = { ok: true; value: unknown } | AttemptFailure;

async function attemptJson(
  config: ResolvedConfig,
  req: JsonRequest,
  endpoint: string,
  body: string | undefined,
): Promise<Outcome> {
  const timeout = AbortSignal.timeout(config.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  try {
    const res = await send(config, { method: req.method, path: req.path, query: req.query, body, headers, signal });
    const text = await res.text();
    const requestId = res.headers.get("x-request-id") ?? undefined;
    if (!res.ok) {
      const error = mlflowErrorFromResponse(res.status, res.headers.get("content-type"), text, { endpoint, requestId });
      return { ok: false, error, status: res.status, retryAfter: res.headers.get("retry-after") };
    }
    if (!text.trim()) return { ok: true, value: {} };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      const error = new MlflowResponseError({
        message: `${endpoint} answered ${res.status} with a body that is not JSON (${res.headers.get("content-type") ?? "no content type"}): is the tracking URI an MLflow server?`,
        endpoint,
      });
      return { ok: false, error };
    }
  } catch (err) {
    if (req.signal?.aborted) throw req.signal.reason;
    if (timeout.aborted) {
      return {
        ok: false,
        timedOut: true,
        error: new MlflowTimeoutError({
          message: `${endpoint} timed out after ${config.timeoutMs} ms`,
          endpoint,
          cause: err,
        }),
      };
    }
    const code = networkErrorCode(err);
    return {
      ok: false,
      notSent: code !== undefined && NOT_SENT_CODES.has(code),
      error: new MlflowConnectionError({
        message: `Could not reach MLflow at ${config.baseUrl}${code ? ` (${code})` : ""}`,
        endpoint,
        cause: err,
      }),
    };
  }
}

/**
 * The delay before retrying a failed attempt (0-based `attempt`), or undefined when it must not be
 * retried: not retryable under the endpoint's policy, or MLflow asks to wait longer than allowed.
 */
export function planRetry(
  failure: Omit<AttemptFailure, "ok" | "error">,
  policy: RetryPolicy,
  attempt: number,
  config: Pick<ResolvedConfig, "maxRetryAfterMs" | "backoffBaseMs" | "backoffMaxMs">,
  random: number = Math.random(),
  now: number = Date.now(),
): number | undefined {
  if (!isRetryable(policy, failure)) return undefined;
  const fromHeader = parseRetryAfter(failure.retryAfter ?? null, now);
  if (fromHeader !== undefined) return fromHeader <= config.maxRetryAfterMs ? fromHeader : undefined;
  return backoffDelay(attempt, config.backoffBaseMs, config.backoffMaxMs, random);
}

export function isRetryable(
  policy: RetryPolicy,
  outcome: { status?: number; notSent?: boolean; timedOut?: boolean },
): boolean {
  const { status } = outcome;
  if (status === undefined) return policy === "safe" || outcome.notSent === true;
  if (status === 429) return true;
  // 501 means "never", not "not now".
  return status >= 500 && status !== 501 && policy === "safe";
}

/** min(base * 2^attempt, max), less up to 25% jitter so that clients do not retry in step. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: number): number {
  return Math.min(baseMs * 2 ** attempt, maxMs) * (1 - 0.25 * random);
}

/** `Retry-After` as delta-seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkErrorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
