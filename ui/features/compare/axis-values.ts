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
 * The runs a comparison shows: those not hidden from the legend, inside every brushed range of the
 * parallel coordinates (a run without a numeric value on a brushed axis is outside it), and with one of
 * the picked values on every axis where categories are picked.
 */
export function shownRuns(
  runs: readonly CompareRun[],
  view: Pick<CompareView, "hidden" | "brushes"> & Partial<Pick<CompareView, "picks">>,
): CompareRun[] {
  const hidden = new Set(view.hidden);
  const picks = (view.picks ?? []).map(({ axis, values }) => ({ axis, values: new Set(values) }));
  return runs.filter((run) => {
    if (hidden.has(run.runId)) return false;
    const inBrushes = view.brushes.every(({ axis, from, to }) => {
      const value = axisValue(run, axis);
      return typeof value === "number" && value >= from && value <= to;
    });
    return (
      inBrushes &&
      picks.every(({ axis, values }) => {
        const value = axisValue(run, axis);
        return value !== null && values.has(String(value));
      })
    );
  });
}
