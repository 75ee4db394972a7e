/**
 * Where artifacts live: a run's artifact root, or (MLflow 3) a logged model's, which is separate from
 * its source run's. One type, and the MLTrack API addresses of each.
 */
export type ArtifactSource = { kind: "run"; runId: string } | { kind: "logged-model"; modelId: string };

export const runSource = (runId: string): ArtifactSource => ({ kind: "run", runId });
export const loggedModelSource = (modelId: string): ArtifactSource => ({ kind: "logged-model", modelId });

/** A stable string for query keys and tree node ids. */
export function sourceKey(source: ArtifactSource): string {
  return source.kind === "run" ? `run:${source.runId}` : `model:${source.modelId}`;
}

/** `/api/runs/<id>/artifacts` or `/api/logged-models/<id>/artifacts`. */
export function artifactsApiOf(source: ArtifactSource): string {
  return source.kind === "run"
    ? `/api/runs/${encodeURIComponent(source.runId)}/artifacts`
    : `/api/logged-models/${encodeURIComponent(source.modelId)}/artifacts`;
}

/** The file route: the bytes to show (`preview`: at most what a text preview needs) or to download. */
export function artifactFileUrl(
  source: ArtifactSource,
  path: string,
  options: { download?: boolean; preview?: boolean } = {},
): string {
  const query = new URLSearchParams({ path });
  if (options.preview) query.set("preview", "1");
  if (options.download) query.set("download", "1");
  return `${artifactsApiOf(source)}/file?${query.toString()}`;
}
