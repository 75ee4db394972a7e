/**
 * A `fetch` for the MLflow client built on undici's dispatcher API. undici's own fetch keeps every
 * chunk of a streamed request body until the upload ends (a 1 GiB artifact through the gateway cost
 * 1 GiB of memory, measured); `request` streams with backpressure, and is faster besides.
 * It never asks for compression, so bodies and their headers pass through untouched.
 */
import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { request, type Dispatcher } from "undici";

type DispatchBody = string | Uint8Array | Readable | null;

function dispatchBody(body: RequestInit["body"]): DispatchBody {
  if (body === undefined || body === null) return null;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof ReadableStream) return Readable.fromWeb(body as NodeReadableStream);
  throw new TypeError(
    `Unsupported request body type for the MLflow transport: ${Object.prototype.toString.call(body)}`,
  );
}

export function dispatcherFetch(dispatcher: Dispatcher): typeof fetch {
  return async function dispatcherFetchImpl(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    if (input instanceof Request) throw new TypeError("dispatcherFetch takes a URL, not a Request");
    const method = init.method ?? "GET";
    const { statusCode, headers, body } = await request(String(input), {
      method: method as Dispatcher.HttpMethod,
      headers: Object.fromEntries(new Headers(init.headers)),
      body: dispatchBody(init.body),
      signal: init.signal ?? undefined,
      dispatcher,
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      if (Array.isArray(value)) for (const item of value) responseHeaders.append(name, item);
      else if (value !== undefined) responseHeaders.set(name, value);
    }
    const noBody = method === "HEAD" || statusCode === 204 || statusCode === 205 || statusCode === 304;
    if (noBody) body.resume();
    return new Response(noBody ? null : (Readable.toWeb(body) as ReadableStream<Uint8Array>), {
      status: statusCode,
      headers: responseHeaders,
    });
  } as typeof fetch;
}
