/**
 * MLflow's scoring server contract, the same on every target: `GET /ping` answers 200 once the model
 * is loaded; `POST /invocations` takes JSON (`dataframe_split`, `dataframe_records`, `instances`,
 * `inputs`) or CSV and answers `{"predictions": ...}`. Bodies pass through unchanged.
 */
import { DeployError } from "./errors";
import type { InvokeRequest, InvokeResponse } from "./types";

export interface WaitForPingOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Checked between polls: false (the server process is gone) ends the wait with "dead". */
  alive?: () => boolean;
  intervalMs?: number;
}

/**
 * Polls `<url>/ping` until it answers 200 ("ready") or `alive()` turns false ("dead"). Throws a
 * DeployError after `timeoutMs`, and the signal's reason when aborted.
 */
export async function waitForPing(url: string, options: WaitForPingOptions): Promise<"ready" | "dead"> {
  const pingUrl = `${url.replace(/\/+$/, "")}/ping`;
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 250;
  for (;;) {
    options.signal?.throwIfAborted();
    if (options.alive && !options.alive()) return "dead";
    if (await pingOnce(pingUrl, options.signal)) return "ready";
    if (options.alive && !options.alive()) return "dead";
    if (Date.now() >= deadline) {
      throw new DeployError(
        "INTERNAL_ERROR",
        `The scoring server did not answer ${pingUrl} within ${Math.round(options.timeoutMs / 1000)} s.`,
        {
          hint: "A large model may need longer to load: raise the startup timeout, or read the log for what it is doing.",
        },
      );
    }
    await sleep(interval, options.signal);
  }
}

/** One `GET <url>` (a ping URL): true on 200. */
export async function pingOnce(pingUrl: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const timeout = AbortSignal.timeout(5_000);
    const res = await fetch(pingUrl, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** `POST <baseUrl>/invocations` with the caller's body and content type; any HTTP status is returned as is. */
export async function invokeScoringServer(baseUrl: string, request: InvokeRequest): Promise<InvokeResponse> {
  const url = `${baseUrl.replace(/\/+$/, "")}/invocations`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": request.contentType },
      body: request.body,
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (err) {
    if (request.signal?.aborted) throw request.signal.reason;
    throw new DeployError("INTERNAL_ERROR", `Could not reach the scoring server at ${url}: ${describeCause(err)}`, {
      hint: "The server may have stopped: check the deployment's status and log.",
      cause: err,
    });
  }
  return {
    status: res.status,
    contentType: res.headers.get("content-type") ?? "",
    body: await res.text(),
  };
}

function describeCause(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } } | null)?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
