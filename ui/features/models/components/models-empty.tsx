import { Boxes } from "lucide-react";

/** No registered model at all: how to make one. */
export function ModelsEmpty() {
  return (
    <div className="rounded-md border border-dashed p-8 text-sm" data-testid="models-empty">
      <div className="mx-auto max-w-xl space-y-3">
        <p className="flex items-center gap-2 font-medium">
          <Boxes className="size-5 text-muted-foreground" aria-hidden /> No registered models yet
        </p>
        <p className="text-muted-foreground">
          A registered model collects versions of a model logged by runs. Register one from a run&apos;s page: open its
          Artifacts tab, pick the logged model and press <strong>Register model</strong>. Or from Python:
        </p>
        <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">
          {`mlflow.register_model("models:/<model_id>", "my-model")\n# or, for a model folder among a run's artifacts\nmlflow.register_model("runs:/<run_id>/model", "my-model")`}
        </pre>
        <p className="text-muted-foreground">MLflow prompts are registered models too, but they are not listed here.</p>
      </div>
    </div>
  );
}

/** The search matched nothing. */
export function ModelsNoResults({ q, onClearSearch }: { q: string; onClearSearch: () => void }) {
  return (
    <div className="rounded-md border p-6 text-sm text-muted-foreground" data-testid="models-no-results">
      No registered model&apos;s name contains “<span className="text-foreground">{q}</span>”.{" "}
      <button type="button" className="text-primary underline underline-offset-4" onClick={onClearSearch}>
        Clear search
      </button>
    </div>
  );
}
