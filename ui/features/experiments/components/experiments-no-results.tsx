import { SearchX, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ExperimentLifecycleView } from "../search-params";

const IN_VIEW: Record<ExperimentLifecycleView, string> = {
  active: "",
  deleted: " deleted",
  all: "",
};

/** An empty list that is not "no experiments at all": the search matched nothing, or nothing is deleted. */
export function ExperimentsNoResults({
  q,
  view,
  onClearSearch,
}: {
  q: string;
  view: ExperimentLifecycleView;
  onClearSearch: () => void;
}) {
  if (q)
    return (
      <div
        className="flex flex-col items-center gap-3 rounded-xl border border-dashed px-6 py-12 text-center"
        data-testid="experiments-no-match"
      >
        <SearchX className="size-8 text-muted-foreground" aria-hidden />
        <div className="space-y-1">
          <h2 className="text-lg font-semibold break-all">
            No{IN_VIEW[view]} experiment name contains “{q}”
          </h2>
          <p className="text-sm text-muted-foreground">
            The search ignores case. Try fewer characters{view === "active" ? ", or look in Deleted or All" : ""}.
          </p>
        </div>
        <Button variant="outline" size="sm" onClick={onClearSearch}>
          Clear search
        </Button>
      </div>
    );
  return (
    <div
      className="flex flex-col items-center gap-3 rounded-xl border border-dashed px-6 py-12 text-center"
      data-testid="experiments-no-deleted"
    >
      <Trash2 className="size-8 text-muted-foreground" aria-hidden />
      <div className="space-y-1">
        <h2 className="text-lg font-semibold">No deleted experiments</h2>
        <p className="text-sm text-muted-foreground">
          Experiments you delete appear here, with their runs, and can be restored.
        </p>
      </div>
    </div>
  );
}
