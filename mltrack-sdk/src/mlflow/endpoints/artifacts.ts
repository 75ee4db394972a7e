import { z } from "zod";
import { toFileInfo } from "../reshape";
import { RunId } from "../validation";
import { MlflowFileInfo, MlflowKeyValue, int64 } from "../wire";
import { AJAX, API, ARTIFACTS, json, raw } from "./spec";

const PresignedResponse = z
  .object({
    presigned_url: z.string(),
    headers: z.union([z.array(MlflowKeyValue), z.record(z.string(), z.string())]).optional(),
    file_size: int64.optional(),
  })
  .transform((r) => ({
    url: r.presigned_url,
    headers: Array.isArray(r.headers)
      ? Object.fromEntries(r.headers.map((h) => [h.key, h.value ?? ""]))
      : (r.headers ?? {}),
    fileSize: r.file_size ?? null,
  }));

const FileListing = z
  .object({
    root_uri: z.string().optional(),
    files: z.array(MlflowFileInfo).optional(),
    next_page_token: z.string().optional(),
  })
  .transform((r) => ({
    rootUri: r.root_uri ?? "",
    items: (r.files ?? []).map(toFileInfo),
    ...(r.next_page_token ? { nextPageToken: r.next_page_token } : {}),
  }));

export const artifacts = {
  list: json({
    method: "GET",
    path: `${API}/artifacts/list`,
    retry: "safe",
    paged: true,
    artifactPaths: { query: ["path"] },
    request: z
      .object({ runId: RunId, path: z.string().optional(), pageToken: z.string().optional() })
      .transform((r) => ({ run_id: r.runId, path: r.path, page_token: r.pageToken })),
    response: FileListing,
  }),
  createPresignedUploadUrl: json({
    method: "POST",
    path: `${API}/artifacts/presigned-upload-url`,
    retry: "safe",
    artifactPaths: { body: ["path"] },
    request: z
      .object({
        runId: RunId.optional(),
        modelId: z.string().optional(),
        path: z.string().min(1),
        expiration: z.number().int().positive().optional(),
      })
      .transform((r) => ({ run_id: r.runId, model_id: r.modelId, path: r.path, expiration: r.expiration })),
    response: PresignedResponse,
  }),
  createPresignedDownloadUrl: json({
    method: "POST",
    path: `${API}/artifacts/presigned-download-url`,
    retry: "safe",
    artifactPaths: { body: ["path"] },
    request: z
      .object({ runId: RunId, path: z.string().min(1), expiration: z.number().int().positive().optional() })
      .transform((r) => ({ run_id: r.runId, path: r.path, expiration: r.expiration })),
    response: PresignedResponse,
  }),
  /** Bytes of a run's artifact, with MLflow's guessed MIME type. */
  download: raw({ method: "GET", path: "/get-artifact", retry: "safe", artifactPaths: { query: ["path"] } }),
  /** Bytes of a registered model version's artifact. */
  downloadModelVersionFile: raw({
    method: "GET",
    path: "/model-versions/get-artifact",
    retry: "safe",
    artifactPaths: { query: ["path"] },
  }),
  /** The MLflow UI's upload (raw body, at most 10 MB), query `run_uuid` and `path`. */
  uploadViaUi: raw({
    method: "POST",
    path: `${AJAX}/upload-artifact`,
    retry: "safe",
    artifactPaths: { query: ["path"] },
    body: "stream",
  }),
};

const ArtifactTail = { tail: true } as const;

export const artifactProxy = {
  list: json({
    method: "GET",
    path: `${ARTIFACTS}/artifacts`,
    retry: "safe",
    artifactPaths: { query: ["path"] },
    request: z.object({ path: z.string().optional() }).transform((r) => ({ path: r.path })),
    response: z.object({ files: z.array(MlflowFileInfo).optional() }).transform((r) => (r.files ?? []).map(toFileInfo)),
  }),
  download: raw({
    method: "GET",
    path: `${ARTIFACTS}/artifacts/{artifact_path+}`,
    retry: "safe",
    artifactPaths: ArtifactTail,
  }),
  upload: raw({
    method: "PUT",
    path: `${ARTIFACTS}/artifacts/{artifact_path+}`,
    retry: "safe",
    artifactPaths: ArtifactTail,
    body: "stream",
  }),
  delete: raw({
    method: "DELETE",
    path: `${ARTIFACTS}/artifacts/{artifact_path+}`,
    retry: "unsafe",
    artifactPaths: ArtifactTail,
  }),
  presignedDownload: raw({
    method: "GET",
    path: `${ARTIFACTS}/presigned/{artifact_path+}`,
    retry: "safe",
    artifactPaths: ArtifactTail,
  }),
  createMultipartUpload: raw({
    method: "POST",
    path: `${ARTIFACTS}/mpu/create/{artifact_path+}`,
    retry: "unsafe",
    artifactPaths: ArtifactTail,
    body: "json",
  }),
  completeMultipartUpload: raw({
    method: "POST",
    path: `${ARTIFACTS}/mpu/complete/{artifact_path+}`,
    retry: "unsafe",
    artifactPaths: ArtifactTail,
    body: "json",
  }),
  abortMultipartUpload: raw({
    method: "POST",
    path: `${ARTIFACTS}/mpu/abort/{artifact_path+}`,
    retry: "unsafe",
    artifactPaths: ArtifactTail,
    body: "json",
  }),
};

/** Listing answers of runs and logged models share one shape. */
export { FileListing };
