"use client";

// WIP scaffold: replaced by the artifact tree and previews.
export function RunArtifacts({ runId, experimentId }: { runId: string; experimentId: string }) {
  return <div data-testid="run-artifacts" data-run-id={runId} data-experiment-id={experimentId} />;
}
