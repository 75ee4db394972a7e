import "server-only";
import { collect, type MlflowClient } from "mltrack-sdk/mlflow";
import { baseName } from "../paths";
import type { ArtifactListing } from "../schemas";
import type { ArtifactSource } from "../source";

/** Entries one folder listing returns; MLflow's own listing has no limit, a browser tree needs one. */
export const MAX_LISTING_ENTRIES = 5_000;

/** One folder of a run's or logged model's artifacts, every page of MLflow's listing walked. */
export async function listArtifactDirectory(
  mlflow: MlflowClient,
  source: ArtifactSource,
  path: string,
  signal?: AbortSignal,
): Promise<ArtifactListing> {
  const at = path ? { path } : {};
  const pages =
    source.kind === "run"
      ? mlflow.artifacts.listAll({ runId: source.runId, ...at }, { signal })
      : mlflow.loggedModels.listArtifactsAll({ modelId: source.modelId, ...at }, { signal });
  const items = await collect(pages, MAX_LISTING_ENTRIES + 1);
  const entries = items
    .slice(0, MAX_LISTING_ENTRIES)
    .map((item) => ({ path: item.path, name: baseName(item.path), isDir: item.isDir, size: item.fileSize }))
    .sort((a, b) => Number(b.isDir) - Number(a.isDir) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { path, entries, truncated: items.length > MAX_LISTING_ENTRIES };
}
