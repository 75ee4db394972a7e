/** Request bodies read with a byte limit: a body past the limit is refused, never buffered whole. */
import "server-only";
import type { IncomingMessage } from "node:http";
import { AppError } from "./errors";

/**
 * A body over the limit is read to its end and discarded, up to this many times the limit, so that
 * every client gets the 413 (one still sending when the server stops reading sees a broken pipe
 * instead) and the keep-alive connection stays usable. Past that the connection is closed.
 */
const DRAIN_FACTOR = 4;

function tooLarge(limit: number, closeConnection: boolean): AppError {
  return new AppError("INVALID_PARAMETER_VALUE", `Request body exceeds the ${limit}-byte limit`, {
    status: 413,
    headers: closeConnection ? { connection: "close" } : {},
  });
}

/**
 * A body's chunks counted against the limit: kept up to it, read on and discarded up to the cap,
 * refused past either. Throws at once when the declared length is already past the cap.
 */
function bodyCollector(limit: number, contentLength: string | null | undefined) {
  const cap = limit * DRAIN_FACTOR;
  const declared = Number(contentLength ?? Number.NaN);
  if (Number.isFinite(declared) && declared > cap) throw tooLarge(limit, true);
  const chunks: Uint8Array[] = [];
  let size = 0;
  return {
    /** False once past the cap: stop reading, and answer with `overCap()`. */
    add(chunk: Uint8Array): boolean {
      size += chunk.byteLength;
      if (size > cap) return false;
      if (size <= limit) chunks.push(chunk);
      return true;
    },
    overCap: () => tooLarge(limit, true),
    finish(): Uint8Array<ArrayBuffer> {
      if (size > limit) throw tooLarge(limit, false);
      return concat(chunks, size);
    },
  };
}

export async function readBodyBytes(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const body = bodyCollector(limit, req.headers.get("content-length"));
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!body.add(value)) {
      await reader.cancel();
      throw body.overCap();
    }
  }
  return body.finish();
}

/**
 * The same limits for a Node request read outside Next (the custom server's direct routes). Past the
 * cap the request is paused, not destroyed, so the 413 still reaches the client before the close.
 */
export function readNodeBodyBytes(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const body = bodyCollector(limit, req.headers["content-length"]);
    const done = (settle: () => void) => {
      req.off("data", onData).off("end", onEnd).off("error", onError);
      settle();
    };
    const onData = (chunk: Buffer) => {
      if (body.add(chunk)) return;
      req.pause();
      done(() => reject(body.overCap()));
    };
    const onEnd = () =>
      done(() => {
        // finish() throws the 413 for a body past the limit: it must reject, not escape the handler.
        try {
          resolve(body.finish());
        } catch (err) {
          reject(err as Error);
        }
      });
    const onError = (err: Error) => done(() => reject(err));
    req.on("data", onData).on("end", onEnd).on("error", onError);
  });
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Parses JSON text, naming where it breaks. */
export function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("INVALID_PARAMETER_VALUE", "Request body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = err instanceof SyntaxError ? `: ${err.message}` : "";
    throw new AppError("INVALID_PARAMETER_VALUE", `Malformed JSON in request body${detail}`);
  }
}

export async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  const bytes = await readBodyBytes(req, limit);
  if (bytes.byteLength === 0)
    throw new AppError("INVALID_PARAMETER_VALUE", "Request body is empty; a JSON object was expected");
  return parseJson(bytes);
}
