import type { CompareRun } from "./schemas";
import type { AxisId, CompareView } from "./search-params";

/** A run's value on an axis: a number where it reads as one (params are strings in MLflow), else text. */
export function axisValue(run: CompareRun, axis: AxisId): number | string | null {
  const at = axis.indexOf(":");
  const type = axis.slice(0, at);
  const key = axis.slice(at + 1);
  if (type === "metric") {
    const cell = run.metrics[key]?.value ?? null;
    if (cell === null) return null;
    if (typeof cell === "object")
      return cell.nonFinite === "NaN" ? null : cell.nonFinite === "Infinity" ? Infinity : -Infinity;
    return cell;
  }
  const text = type === "param" ? run.params[key] : run.tags[key];
  if (text === undefined) return null;
  const number = Number(text);
  return text.trim() !== "" && Number.isFinite(number) ? number : text;
}

/**
 * The runs a comparison shows: those not hidden from the legend, and inside every brushed range of the
 * parallel coordinates (a run without a numeric value on a brushed axis is outside it).
 */
export function shownRuns(runs: readonly CompareRun[], view: Pick<CompareView, "hidden" | "brushes">): CompareRun[] {
  const hidden = new Set(view.hidden);
  return runs.filter((run) => {
    if (hidden.has(run.runId)) return false;
    return view.brushes.every(({ axis, from, to }) => {
      const value = axisValue(run, axis);
      return typeof value === "number" && value >= from && value <= to;
    });
  });
}
