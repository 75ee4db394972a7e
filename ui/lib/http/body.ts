/** Request bodies read with a byte limit: a body past the limit is refused, never buffered whole. */
import "server-only";
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
