/**
 * Browser calls of the deployment routes. Deploy errors carry more than MLTrack's usual
 * `{ code, message }`: a hint of what to do and, for a bad config, each field's error.
 */
import { ApiError } from "@/lib/api-client";

export class DeployApiError extends ApiError {
  readonly hint: string | undefined;
  readonly fields: Record<string, string>;

  constructor(code: string, message: string, status: number, hint?: string, fields: Record<string, string> = {}) {
    super(code, message, status);
    this.hint = hint;
    this.fields = fields;
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; hint?: string; fields?: Record<string, string> };
}

export async function deployFetch<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers: {
        accept: "application/json",
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new DeployApiError("TEMPORARILY_UNAVAILABLE", "MLTrack's server could not be reached", 0);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = (body as ErrorBody | undefined)?.error;
    throw new DeployApiError(
      error?.code ?? "INTERNAL_ERROR",
      error?.message ?? `Request failed with HTTP ${res.status}`,
      res.status,
      error?.hint,
      error?.fields ?? {},
    );
  }
  return body as T;
}

/** What the invoke route answered: the scoring server's status and body, or MLTrack's own error. */
export interface InvokeResult {
  status: number;
  /** True when the status and body are the scoring server's (a 4xx from the model stays 4xx). */
  fromModel: boolean;
  contentType: string;
  body: string;
  /** Round trip measured by MLTrack's server around the scoring server's call. */
  latencyMs: number | null;
}
