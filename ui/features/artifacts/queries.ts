import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { ApiError, apiGet } from "@/lib/api-client";
import { looksBinary } from "./file-kinds";
import type { ArtifactListing, ModelCard, RegisteredModelNames, RunLoggedModels } from "./schemas";
import { artifactFileUrl, artifactsApiOf, sourceKey, type ArtifactSource } from "./source";

/** The first bytes of a file as a preview shows them. */
export interface ArtifactPreview {
  text: string;
  /** A NUL byte among the first bytes: not text. */
  binary: boolean;
  /** The file goes on past what was read. */
  truncated: boolean;
}

async function fetchPreview(url: string, signal: AbortSignal): Promise<ArtifactPreview> {
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (err) {
    if (signal.aborted) throw err;
    throw new ApiError("TEMPORARILY_UNAVAILABLE", "MLTrack's server could not be reached", 0);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as
      { error?: { code?: string; message?: string } } | undefined;
    throw new ApiError(
      body?.error?.code ?? "INTERNAL_ERROR",
      body?.error?.message ?? `Request failed with HTTP ${res.status}`,
      res.status,
    );
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  return {
    text: new TextDecoder().decode(bytes),
    binary: looksBinary(bytes),
    truncated: res.headers.get("x-artifact-truncated") === "1",
  };
}

export const artifactQueries = {
  all: () => ["artifacts"] as const,
  list: (source: ArtifactSource, path: string) =>
    queryOptions({
      queryKey: [...artifactQueries.all(), sourceKey(source), "list", path] as const,
      queryFn: ({ signal }) => apiGet<ArtifactListing>(artifactsApiOf(source), path ? { path } : undefined, signal),
    }),
  loggedModels: (runId: string, experimentId: string) =>
    queryOptions({
      queryKey: [...artifactQueries.all(), "run-logged-models", runId] as const,
      queryFn: ({ signal }) =>
        apiGet<RunLoggedModels>(
          `/api/runs/${encodeURIComponent(runId)}/artifacts/logged-models`,
          { experimentId },
          signal,
        ),
    }),
  preview: (source: ArtifactSource, path: string) =>
    queryOptions({
      queryKey: [...artifactQueries.all(), sourceKey(source), "preview", path] as const,
      queryFn: ({ signal }) => fetchPreview(artifactFileUrl(source, path, { preview: true }), signal),
      staleTime: 5 * 60_000,
    }),
  modelCard: (source: ArtifactSource, dir: string) =>
    queryOptions({
      queryKey: [...artifactQueries.all(), sourceKey(source), "model-card", dir] as const,
      queryFn: ({ signal }) =>
        apiGet<ModelCard>(`${artifactsApiOf(source)}/model`, dir ? { path: dir } : undefined, signal),
    }),
};

export const registeredModelQueries = {
  all: () => ["registered-models"] as const,
  names: (name: string) =>
    queryOptions({
      queryKey: [...registeredModelQueries.all(), "names", name] as const,
      queryFn: ({ signal }) => apiGet<RegisteredModelNames>("/api/registered-models/search", { name }, signal),
      staleTime: 10_000,
      placeholderData: keepPreviousData,
    }),
};
