import "server-only";
import { collect, MlflowNotFoundError, type MlflowClient } from "mltrack-sdk/mlflow";
import { mapLimit } from "@/features/runs/server/map-limit";
import { isStepImage, stepImagesOf } from "../images/steps";
import { CompareImagesRequest, type CompareImagesResponse } from "../images/schemas";

/** MLflow listings in flight for one comparison. */
const CONCURRENCY = 8;
/** Entries read from one folder at most (MLflow's listing has no limit). */
const MAX_FOLDER_ENTRIES = 5_000;
/**
 * Finding folders looks this deep below the root, with at most this many listings per run; it reads the
 * first runs, and goes on through later runs (a batch at a time) only while it has found no folder,
 * within a budget of listings for the whole request.
 */
const DISCOVERY_DEPTH = 2;
const DISCOVERY_LISTINGS = 20;
const DISCOVERY_RUNS = CONCURRENCY;
const DISCOVERY_BUDGET = 300;

type Item = { path: string; isDir: boolean };

async function listFolder(mlflow: MlflowClient, runId: string, path: string, limit: number, signal?: AbortSignal) {
  const pages = mlflow.artifacts.listAll({ runId, ...(path ? { path } : {}) }, { signal });
  try {
    return (await collect(pages, limit)) as Item[];
  } catch (err) {
    if (err instanceof MlflowNotFoundError) return [];
    throw err;
  }
}

/** The folders of one run (below the root, `DISCOVERY_DEPTH` deep) that hold step images, breadth first. */
async function stepImageFolders(mlflow: MlflowClient, runId: string, signal?: AbortSignal) {
  const found: string[] = [];
  const queue: { path: string; depth: number }[] = [{ path: "", depth: 0 }];
  let listings = 0;
  for (; queue.length > 0 && listings < DISCOVERY_LISTINGS; listings++) {
    const { path, depth } = queue.shift()!;
    const items = await listFolder(mlflow, runId, path, MAX_FOLDER_ENTRIES, signal);
    if (path && items.some((item) => !item.isDir && isStepImage(item.path))) found.push(path);
    if (depth < DISCOVERY_DEPTH)
      for (const item of items) if (item.isDir) queue.push({ path: item.path, depth: depth + 1 });
  }
  return { folders: found, listings };
}

/** Folders holding step images, by name, from the first runs (and later ones while none is found). */
async function discoverFolders(mlflow: MlflowClient, runIds: readonly string[], signal?: AbortSignal) {
  const found = new Set<string>();
  let listings = 0;
  for (let start = 0; start < runIds.length && listings < DISCOVERY_BUDGET; start += CONCURRENCY) {
    if (start >= DISCOVERY_RUNS && found.size > 0) break;
    const batch = runIds.slice(start, start + CONCURRENCY);
    for (const result of await Promise.all(batch.map((runId) => stepImageFolders(mlflow, runId, signal)))) {
      listings += result.listings;
      for (const folder of result.folders) found.add(folder);
    }
  }
  return [...found].sort();
}

/**
 * Each compared run's per-step images in one artifact folder (every page of MLflow's listing; the step
 * is the last integer of the file name). Without a folder, the first one (by name) holding step images
 * in the first runs is listed (later runs are looked into while none has any); those folders come back
 * to choose from.
 */
export async function listStepImages(
  mlflow: MlflowClient,
  input: CompareImagesRequest,
  signal?: AbortSignal,
): Promise<CompareImagesResponse> {
  const { runIds, path: asked } = CompareImagesRequest.parse(input);
  const folders = await discoverFolders(mlflow, runIds, signal);
  const path = asked ?? folders[0] ?? null;
  if (path === null) return { path, folders, runs: runIds.map((runId) => ({ runId, images: [], truncated: false })) };
  const runs = await mapLimit(runIds, CONCURRENCY, async (runId) => {
    const items = await listFolder(mlflow, runId, path, MAX_FOLDER_ENTRIES + 1, signal);
    const files = items.slice(0, MAX_FOLDER_ENTRIES).flatMap((item) => (item.isDir ? [] : [item.path]));
    return { runId, images: stepImagesOf(files), truncated: items.length > MAX_FOLDER_ENTRIES };
  });
  return { path, folders, runs };
}
