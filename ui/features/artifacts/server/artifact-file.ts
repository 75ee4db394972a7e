/**
 * Artifact bytes from MLflow, streamed to the browser with headers MLTrack chooses: a Content-Type
 * from the allow-list (never MLflow's guess), its Content-Security-Policy, nosniff, and a
 * Content-Disposition carrying the file name. Previews ask MLflow for a byte range and read no more.
 */
import "server-only";
import { MlflowError, endpoints, type MlflowClient } from "mltrack-sdk/mlflow";
import { TEXT_PREVIEW_BYTES, servedTypeOf } from "../file-kinds";
import { baseName } from "../paths";
import type { ArtifactSource } from "../source";

/** One request for a file's bytes; `maxBytes` asks MLflow for the first bytes only (HTTP Range). */
export async function openArtifact(
  mlflow: MlflowClient,
  source: ArtifactSource,
  path: string,
  options: { maxBytes?: number; signal?: AbortSignal } = {},
): Promise<Response> {
  const { maxBytes, signal } = options;
  const open = (ranged: boolean) => {
    const headers: Record<string, string> =
      ranged && maxBytes !== undefined ? { range: `bytes=0-${maxBytes - 1}` } : {};
    return source.kind === "run"
      ? mlflow.raw(endpoints.artifacts.download, { query: { run_uuid: source.runId, path }, headers, signal })
      : mlflow.raw(endpoints.loggedModels.downloadFile, {
          pathParams: { model_id: source.modelId },
          query: { artifact_file_path: path },
          headers,
          signal,
        });
  };
  try {
    return await open(maxBytes !== undefined && maxBytes > 0);
  } catch (err) {
    // An empty file has no byte 0: MLflow answers a range request for it with 416.
    if (err instanceof MlflowError && err.httpStatus === 416) return open(false);
    throw err;
  }
}

/** The file's whole size, from a 206's Content-Range or a 200's Content-Length; null when neither says. */
export function totalSizeOf(res: Response): number | null {
  const range = res.headers.get("content-range");
  if (res.status === 206 && range) {
    const total = /\/(\d+)\s*$/.exec(range)?.[1];
    return total === undefined ? null : Number(total);
  }
  const length = res.headers.get("content-length");
  return length !== null && /^\d+$/.test(length) ? Number(length) : null;
}

/** A stream of at most `max` bytes of `body`; the rest is never read from MLflow. */
export function limitStream(body: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent >= max) {
        controller.close();
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      const room = max - sent;
      if (value.byteLength >= room) {
        controller.enqueue(value.subarray(0, room));
        sent = max;
        controller.close();
        await reader.cancel();
        return;
      }
      sent += value.byteLength;
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** At most `maxBytes` of a file as UTF-8 text, and whether the file is longer. */
export async function readArtifactText(
  mlflow: MlflowClient,
  source: ArtifactSource,
  path: string,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<{ text: string; truncated: boolean }> {
  const res = await openArtifact(mlflow, source, path, { maxBytes, signal });
  const total = totalSizeOf(res);
  const bytes = new Uint8Array(await new Response(res.body ? limitStream(res.body, maxBytes) : null).arrayBuffer());
  return {
    text: new TextDecoder().decode(bytes),
    truncated: total === null ? bytes.byteLength >= maxBytes : total > maxBytes,
  };
}

/** RFC 6266: an ASCII fallback for old clients, the exact name as `filename*=UTF-8''...`. */
export function contentDisposition(disposition: "attachment" | "inline", fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_") || "artifact";
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The headers every artifact response carries, for the file at `path`. */
export function artifactHeaders(path: string, options: { download: boolean }): Headers {
  const { contentType, csp } = servedTypeOf(path);
  return new Headers({
    "content-type": contentType,
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "content-disposition": contentDisposition(options.download ? "attachment" : "inline", baseName(path)),
    "cache-control": "private, no-cache",
    "cross-origin-resource-policy": "same-origin",
    "referrer-policy": "no-referrer",
  });
}

export interface ArtifactFileRequest {
  path: string;
  /** Sent as an attachment, under its own name. */
  download: boolean;
  /** At most `TEXT_PREVIEW_BYTES`; `x-artifact-truncated: 1` when the file is longer. */
  preview: boolean;
}

export async function artifactFileResponse(
  mlflow: MlflowClient,
  source: ArtifactSource,
  request: ArtifactFileRequest,
  signal?: AbortSignal,
): Promise<Response> {
  const maxBytes = request.preview ? TEXT_PREVIEW_BYTES : undefined;
  const upstream = await openArtifact(mlflow, source, request.path, { maxBytes, signal });
  const total = totalSizeOf(upstream);
  const headers = artifactHeaders(request.path, { download: request.download });
  if (total !== null) headers.set("x-artifact-size", String(total));
  const truncated = maxBytes !== undefined && total !== null && total > maxBytes;
  if (truncated) headers.set("x-artifact-truncated", "1");
  // A decoded (gzip) upstream body no longer has the upstream length.
  else if (total !== null && !upstream.headers.has("content-encoding")) headers.set("content-length", String(total));
  const body = upstream.body && maxBytes !== undefined ? limitStream(upstream.body, maxBytes) : upstream.body;
  return new Response(body, { status: 200, headers });
}
