"use client";

import { FlaskConical } from "lucide-react";
import { useHydrated } from "@/hooks/use-hydrated";

/** No experiments yet: say how to log the first run, through this UI, which speaks MLflow's API. */
export function ExperimentsEmpty() {
  const hydrated = useHydrated();
  const trackingUri = hydrated ? window.location.origin : "http://127.0.0.1:3000";
  return (
    <div
      className="flex flex-col items-center gap-4 rounded-xl border border-dashed px-6 py-16 text-center"
      data-testid="experiments-empty"
    >
      <FlaskConical className="size-8 text-muted-foreground" aria-hidden />
      <div className="space-y-1">
        <h2 className="text-lg font-semibold">No experiments yet</h2>
        <p className="text-sm text-muted-foreground">
          Point any MLflow client at this UI and log a run; it appears here.
        </p>
      </div>
      <pre className="max-w-full overflow-x-auto rounded-lg bg-muted px-4 py-3 text-left text-xs">
        <code>
          {`export MLFLOW_TRACKING_URI=${trackingUri}\n`}
          {`python -c "import mlflow; mlflow.set_experiment('hello'); mlflow.start_run(); mlflow.log_metric('loss', 0.1); mlflow.end_run()"`}
        </code>
      </pre>
    </div>
  );
}
