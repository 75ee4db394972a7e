import { AlertTriangle } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { CompareRun } from "../schemas";
import { CompareExportButton } from "./compare-export";

/** How many runs are compared, from how many experiments, and which asked runs MLflow does not have. */
export function CompareHeader({
  runIds,
  runs,
  shown,
  missing,
}: {
  runIds: readonly string[];
  runs: readonly CompareRun[];
  shown: readonly CompareRun[];
  missing: readonly string[];
}) {
  const experiments = new Set(runs.map((run) => run.experimentId)).size;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-muted-foreground" data-testid="compare-run-count">
          {runs.length} run{runs.length === 1 ? "" : "s"} from {experiments} experiment{experiments === 1 ? "" : "s"}
        </p>
        <div className="ml-auto">
          <CompareExportButton runIds={runIds} shown={shown} />
        </div>
      </div>
      {missing.length ? (
        <Alert data-testid="compare-missing">
          <AlertTriangle />
          <AlertTitle>
            {missing.length} asked run{missing.length === 1 ? " is" : "s are"} not in MLflow (deleted for good, or
            mistyped)
          </AlertTitle>
          <AlertDescription>
            <p className="font-mono text-xs break-all">{missing.join(", ")}</p>
          </AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}
