"use client";

import { useMemo } from "react";
import { axisChoices, differingParams } from "../parallel/default-axes";
import type { AxisId } from "../search-params";
import { ScatterAxisSelect } from "./scatter-axis-select";
import { ScatterChart } from "./scatter-chart";
import type { CompareSectionProps } from "./section-props";

/** The axes a scatter starts with: a param that differs (else any param), against the first metric. */
function defaultAxes(runs: CompareSectionProps["runs"]): { x: AxisId | null; y: AxisId | null } {
  const { params, metrics } = axisChoices(runs);
  const param = differingParams(runs)[0] ?? params[0];
  const x: AxisId | null = param ? `param:${param}` : metrics[0] ? `metric:${metrics[0]}` : null;
  const metric = metrics.find((key) => `metric:${key}` !== x);
  return { x, y: metric ? `metric:${metric}` : null };
}

/** A param or metric against another, one dot per shown run in its colour; hover names the run. */
export function CompareScatter({ view, runs, shown, colors, onChange }: CompareSectionProps) {
  const choices = useMemo(() => axisChoices(runs), [runs]);
  const defaults = useMemo(() => defaultAxes(runs), [runs]);
  const x = view.scatter.x ?? defaults.x;
  const y = view.scatter.y ?? defaults.y;
  const setAxis = (which: "x" | "y", axis: AxisId) => onChange({ ...view, scatter: { x, y, [which]: axis } });

  return (
    <section className="space-y-3 rounded-lg border p-4" data-testid="compare-scatter" data-runs={shown.length}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-base font-semibold">Scatter</h2>
        <div className="ml-auto flex flex-wrap items-center gap-3">
          <ScatterAxisSelect
            label="x-axis"
            value={x}
            choices={choices}
            onChange={(axis) => setAxis("x", axis)}
            testId="scatter-x"
          />
          <ScatterAxisSelect
            label="y-axis"
            value={y}
            choices={choices}
            onChange={(axis) => setAxis("y", axis)}
            testId="scatter-y"
          />
        </div>
      </div>
      {x && y ? (
        <ScatterChart x={x} y={y} runs={shown} colors={colors} />
      ) : (
        <p className="rounded-md border border-dashed p-6 text-sm text-muted-foreground" data-testid="scatter-empty">
          A scatter needs two values per run: log params or metrics to plot one against another.
        </p>
      )}
    </section>
  );
}
