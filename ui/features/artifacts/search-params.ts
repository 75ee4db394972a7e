/**
 * The artifact selection in the run page's URL: `?tab=artifacts&path=<path>` for a run artifact,
 * `&model=<model_id>` (with an optional `path`) for a logged model's. A link opens that file.
 */
import { normalizeArtifactPath } from "./paths";
import { loggedModelSource, runSource, type ArtifactSource } from "./source";

export interface ArtifactSelection {
  source: ArtifactSource;
  /** Relative to the source's artifact root; `""` is the root of a logged model. */
  path: string;
}

interface ReadableParams {
  get(name: string): string | null;
  toString(): string;
}

export function parseArtifactSelection(params: ReadableParams, runId: string): ArtifactSelection | null {
  const model = params.get("model");
  const path = normalizeArtifactPath(params.get("path") ?? "");
  if (model !== null) return /^[\w-]{1,256}$/.test(model) ? { source: loggedModelSource(model), path } : null;
  return path ? { source: runSource(runId), path } : null;
}

/** The search string selecting `selection` (or nothing), keeping the other parameters of `current`. */
export function artifactSelectionSearch(current: ReadableParams, selection: ArtifactSelection | null): string {
  const params = new URLSearchParams(current.toString());
  params.set("tab", "artifacts");
  params.delete("path");
  params.delete("model");
  if (selection?.source.kind === "logged-model") params.set("model", selection.source.modelId);
  if (selection?.path) params.set("path", selection.path);
  return `?${params.toString()}`;
}

export function sameSelection(a: ArtifactSelection | null, b: ArtifactSelection | null): boolean {
  if (!a || !b) return a === b;
  const sameSource =
    a.source.kind === "run" && b.source.kind === "run"
      ? a.source.runId === b.source.runId
      : a.source.kind === "logged-model" && b.source.kind === "logged-model" && a.source.modelId === b.source.modelId;
  return sameSource && a.path === b.path;
}
