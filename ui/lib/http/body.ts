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

export async function readBodyBytes(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const cap = limit * DRAIN_FACTOR;
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > cap) throw tooLarge(limit, true);
  if (!req.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw tooLarge(limit, true);
    }
    if (size <= limit) chunks.push(value);
  }
  if (size > limit) throw tooLarge(limit, false);
  return concat(chunks, size);
}

/**
 * The same limits for a Node request read outside Next (the custom server's direct routes). Past the
 * cap the request is paused, not destroyed, so the 413 still reaches the client before the close.
 */
export function readNodeBodyBytes(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const cap = limit * DRAIN_FACTOR;
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > cap) return Promise.reject(tooLarge(limit, true));
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const done = (settle: () => void) => {
      req.off("data", onData).off("end", onEnd).off("error", onError);
      settle();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > cap) {
        req.pause();
        done(() => reject(tooLarge(limit, true)));
      } else if (size <= limit) chunks.push(chunk);
    };
    const onEnd = () => done(() => (size > limit ? reject(tooLarge(limit, false)) : resolve(concat(chunks, size))));
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
