/** Test helpers for unit tests of the MLflow layer: a scripted `fetch` that records its calls. */
export type Scripted = Response | Error | ((url: string, init: RequestInit) => Response | Promise<Response>);

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * Answers each call with the next scripted step (the last one repeats). A scripted Response is
 * rebuilt per call rather than cloned: a clone's body is a tee, whose cancel() waits for its twin.
 */
export function scriptedFetch(...input: Scripted[]): { fetch: typeof fetch; calls: RecordedCall[] } {
  const script = input.map(replayable);
  const calls: RecordedCall[] = [];
  const impl = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    calls.push({
      url,
      method: init.method ?? "GET",
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body:
        typeof init.body === "string"
          ? init.body
          : init.body instanceof Uint8Array
            ? new TextDecoder().decode(init.body)
            : undefined,
    });
    const step = script.length > 1 ? script.shift() : script[0];
    if (step === undefined) throw new Error(`unscripted fetch of ${url}`);
    if (step instanceof Error) throw step;
    return step(url, init);
  };
  return { fetch: impl as typeof fetch, calls };
}

function replayable(step: Scripted): Exclude<Scripted, Response> {
  if (!(step instanceof Response)) return step;
  const body = step.arrayBuffer();
  const init = { status: step.status, statusText: step.statusText, headers: step.headers };
  return async () => new Response(await body, init);
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A network failure shaped like undici's: TypeError("fetch failed") with a coded cause. */
export function networkError(code: string): TypeError {
  const cause = Object.assign(new Error(`connect ${code} 127.0.0.1:5001`), { code });
  return new TypeError("fetch failed", { cause });
}
