"use client";

import { FolderOpen } from "lucide-react";

/** A run with no artifacts and no logged models: how to log some. */
export function ArtifactsEmpty() {
  return (
    <div
      className="flex flex-col items-center gap-4 rounded-xl border border-dashed px-6 py-16 text-center"
      data-testid="artifacts-empty"
    >
      <FolderOpen className="size-8 text-muted-foreground" aria-hidden />
      <div className="space-y-1">
        <h2 className="text-lg font-semibold">No artifacts in this run</h2>
        <p className="text-sm text-muted-foreground">
          Files, figures and models logged to the run appear here, previewed by type.
        </p>
      </div>
      <pre className="max-w-full overflow-x-auto rounded-lg bg-muted px-4 py-3 text-left text-xs">
        <code>
          {`with mlflow.start_run(run_id="<this run>"):\n`}
          {`    mlflow.log_artifact("results/report.csv")        # any file\n`}
          {`    mlflow.log_figure(fig, "plots/loss.png")         # a matplotlib or plotly figure\n`}
          {`    mlflow.sklearn.log_model(model, name="model")    # a model, with its signature`}
        </code>
      </pre>
    </div>
  );
}
