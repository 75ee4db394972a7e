import type { CompareRun } from "../schemas";
import type { CompareView } from "../search-params";

/** What every section of the compare page gets from the page. */
export interface CompareSectionProps {
  view: CompareView;
  /** Every compared run MLflow has, in the comparison's order. */
  runs: readonly CompareRun[];
  /** The runs shown: not hidden from the legend, and inside every parallel-coordinates brush. */
  shown: readonly CompareRun[];
  /** One colour per run, the same in every chart, legend and table. */
  colors: ReadonlyMap<string, string>;
  /** A new view: its URL replaces the current one (`push` makes it a history entry, for Back). */
  onChange: (next: CompareView, mode?: "push" | "replace") => void;
}
