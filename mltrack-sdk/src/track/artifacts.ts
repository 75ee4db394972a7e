/**
 * Artifact payloads, fixed when the log call is made: bytes are copied, and a file is read (or, when
 * large, copied to a staging file) at once, so overwriting it afterwards (a plot saved again each
 * epoch) does not change what is uploaded. Names go through the SDK's artifact path checks.
 */
import { randomUUID } from "node:crypto";
import { copyFileSync, constants, createReadStream, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { checkArtifactPath } from "../mlflow/artifact-path";
import { safeJsonStringify } from "./safe-json";

export interface ArtifactPayload {
  /** Where it goes under the run's artifact root. */
  path: string;
  contentType: string;
  /** The body to upload, made anew for each attempt: bytes, or a stream of a large staged file. */
  body(): Promise<Uint8Array | ReadableStream<Uint8Array>>;
  /** The same content, at once: the bytes, or the staged file (for the spool to copy). */
  source(): { bytes: Uint8Array } | { file: string };
  /** Releases a staging copy, if any. */
  release(): void;
}

export type ArtifactSource = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** Files up to this size are read into memory at once; larger ones are copied to a staging file and streamed. */
const READ_AT_ONCE_BYTES = 16 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".log": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".yaml": "application/yaml",
  ".yml": "application/yaml",
  ".html": "text/html; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
};

export function contentTypeOf(name: string): string {
  return CONTENT_TYPES[path.posix.extname(name).toLowerCase()] ?? "application/octet-stream";
}

/** The artifact name, checked: relative, no `..`, no backslash or NUL, not a folder. */
export function checkedArtifactName(name: string): string {
  if (typeof name !== "string" || name === "") throw new TypeError("An artifact needs a name (its path in the run)");
  const check = checkArtifactPath(name);
  if (!check.ok) throw new TypeError(`Invalid artifact name ${JSON.stringify(name)}: ${check.reason}`);
  if (name.endsWith("/")) throw new TypeError(`Invalid artifact name ${JSON.stringify(name)}: it names a folder`);
  return name;
}

function copyOf(source: Uint8Array | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (source instanceof ArrayBuffer) return new Uint8Array(source.slice(0));
  return new Uint8Array(source.buffer.slice(source.byteOffset, source.byteOffset + source.byteLength));
}

function inMemory(name: string, bytes: Uint8Array, contentType = contentTypeOf(name)): ArtifactPayload {
  return { path: name, contentType, body: async () => bytes, source: () => ({ bytes }), release: () => undefined };
}

let stagingDir: string | undefined;

function stage(file: string): string {
  stagingDir ??= path.join(os.tmpdir(), `mltrack-staging-${process.pid}`);
  mkdirSync(stagingDir, { recursive: true });
  const copy = path.join(stagingDir, randomUUID());
  copyFileSync(file, copy, constants.COPYFILE_FICLONE);
  return copy;
}

/** A local file or bytes, under `name` (default: the file's base name). */
export function artifactFrom(source: ArtifactSource, name?: string): ArtifactPayload {
  if (typeof source === "string") {
    const target = checkedArtifactName(name ?? path.basename(source));
    const size = statSync(source).size;
    if (size <= READ_AT_ONCE_BYTES) return inMemory(target, new Uint8Array(readFileSync(source)));
    const copy = stage(source);
    return {
      path: target,
      contentType: contentTypeOf(target),
      body: async () => Readable.toWeb(createReadStream(copy)) as ReadableStream<Uint8Array>,
      source: () => ({ file: copy }),
      release: () => rmSync(copy, { force: true }),
    };
  }
  if (name === undefined) throw new TypeError("logArtifact(bytes, name): bytes need a name");
  return inMemory(checkedArtifactName(name), copyOf(source));
}

export function textArtifact(text: string, name: string): ArtifactPayload {
  const target = checkedArtifactName(name);
  const type = path.posix.extname(target) ? contentTypeOf(target) : "text/plain; charset=utf-8";
  return inMemory(target, new TextEncoder().encode(String(text)), type);
}

export function jsonArtifact(value: unknown, name: string): ArtifactPayload {
  return inMemory(checkedArtifactName(name), new TextEncoder().encode(safeJsonStringify(value)), "application/json");
}

const IMAGE_KINDS: { ext: string; type: string; test: (b: Uint8Array) => boolean }[] = [
  { ext: ".png", type: "image/png", test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { ext: ".jpg", type: "image/jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: ".gif", type: "image/gif", test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 },
  {
    ext: ".webp",
    type: "image/webp",
    test: (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP",
  },
];

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/**
 * A PNG, JPEG, GIF or WebP image (bytes or a file). The name gets the format's extension when it has
 * none; with a `step`, the image is one of a series: `<name>/step_<step>.<ext>`, the layout MLTrack's
 * compare view steps through.
 */
export function imageArtifact(image: ArtifactSource, name: string, step?: number): ArtifactPayload {
  const bytes = typeof image === "string" ? new Uint8Array(readFileSync(image)) : copyOf(image);
  const kind = IMAGE_KINDS.find((k) => k.test(bytes));
  if (!kind) throw new TypeError(`logImage(${JSON.stringify(name)}): not a PNG, JPEG, GIF or WebP image`);
  if (step !== undefined && !Number.isSafeInteger(step)) throw new TypeError(`logImage: step must be an integer`);
  const ext = path.posix.extname(name);
  const stem = ext ? name.slice(0, -ext.length) : name;
  const target = step === undefined ? (ext ? name : `${name}${kind.ext}`) : `${stem}/step_${step}${ext || kind.ext}`;
  return inMemory(checkedArtifactName(target), bytes, kind.type);
}
