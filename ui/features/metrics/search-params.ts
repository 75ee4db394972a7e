/**
 * The metric charts' view is in the URL, next to the run page's `tab`: `x` (the x-axis, steps when
 * absent) and `log=1` (a log-scale y-axis). One parser and one serialiser.
 *
 *   ?tab=metrics&x=time&log=1
 */
import { X_AXES, type XAxis } from "@/features/compare/prepare";

export interface ChartView {
  xAxis: XAxis;
  logY: boolean;
}

export function parseChartView(params: URLSearchParams): ChartView {
  const x = params.get("x");
  return {
    xAxis: (X_AXES as readonly (string | null)[]).includes(x) ? (x as XAxis) : "step",
    logY: params.get("log") === "1",
  };
}

/** The search string (with its `?`, or "") for `next`, keeping every other parameter as it was. */
export function chartViewSearch(params: URLSearchParams, next: Partial<ChartView>): string {
  const out = new URLSearchParams(params.toString());
  const view = { ...parseChartView(params), ...next };
  if (view.xAxis === "step") out.delete("x");
  else out.set("x", view.xAxis);
  if (view.logY) out.set("log", "1");
  else out.delete("log");
  const text = out.toString();
  return text ? `?${text}` : "";
}
