/** Request bodies read with a byte limit: a body past the limit is refused, never buffered whole. */
import "server-only";
import { AppError } from "./errors";

function tooLarge(limit: number): AppError {
  return new AppError("INVALID_PARAMETER_VALUE", `Request body exceeds the ${limit}-byte limit`, { status: 413 });
}

export async function readBodyBytes(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
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
