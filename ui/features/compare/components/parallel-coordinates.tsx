"use client";

import { XIcon } from "lucide-react";
import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { buildAxis, formatAxisValue, moveAxis, splitAxisId } from "../parallel/axes";
import { withBrush, withPick } from "../parallel/brush";
import { axisChoices, defaultParallelAxes } from "../parallel/default-axes";
import type { AxisId } from "../search-params";
import { PcAxisPicker } from "./pc-axis-picker";
import { PcChart } from "./pc-chart";
import type { CompareSectionProps } from "./section-props";

/**
 * Parallel coordinates over chosen params and metrics. Brushes (drag on an axis) narrow the compared
 * set for the whole page; the runs they leave out stay here, faint, so the brush can be moved back.
 */
export function ParallelCoordinates({ view, runs, shown, colors, onChange }: CompareSectionProps) {
  const drawn = useMemo(() => runs.filter((run) => !view.hidden.includes(run.runId)), [runs, view.hidden]);
  const choices = useMemo(() => axisChoices(runs), [runs]);
  const defaults = useMemo(() => defaultParallelAxes(runs), [runs]);
  const axisIds = view.parallelAxes.length ? view.parallelAxes : defaults;
  const axes = useMemo(() => axisIds.map((id) => buildAxis(id, drawn)), [axisIds, drawn]);
  const shownIds = useMemo(() => new Set(shown.map((run) => run.runId)), [shown]);

  // Brushing writes the axes too, so a brush stays on its axis when the default axes would change.
  const setAxes = (next: AxisId[]) =>
    onChange({
      ...view,
      parallelAxes: next,
      brushes: view.brushes.filter((b) => next.includes(b.axis)),
      picks: view.picks.filter((p) => next.includes(p.axis)),
    });
  const filters = [
    ...view.brushes.map((b) => ({
      axis: b.axis,
      text: `${formatAxisValue(b.from)} to ${formatAxisValue(b.to)}`,
      clear: () => onChange({ ...view, brushes: withBrush(view.brushes, b.axis, null) }),
    })),
    ...view.picks.map((p) => ({
      axis: p.axis,
      text: p.values.join(", "),
      clear: () => onChange({ ...view, picks: withPick(view.picks, p.axis, null) }),
    })),
  ];
  const offAxis = filters.filter((filter) => !axisIds.includes(filter.axis));

  return (
    <section className="space-y-3 rounded-lg border p-4" data-testid="parallel-coordinates" data-runs={shown.length}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold">Parallel coordinates</h2>
        <span className="text-sm text-muted-foreground" data-testid="pc-kept">
          {filters.length > 0 ? `${shown.length} of ${drawn.length} runs inside the brushes` : `${drawn.length} runs`}
        </span>
        <div className="ml-auto flex items-center gap-2">
          {filters.length > 0 && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => onChange({ ...view, brushes: [], picks: [] })}
              data-testid="pc-clear-brushes"
            >
              Clear brushes
            </Button>
          )}
          <PcAxisPicker
            choices={choices}
            chosen={axisIds}
            onChange={setAxes}
            onReset={() => onChange({ ...view, parallelAxes: [], brushes: [], picks: [] })}
          />
        </div>
      </div>
      {offAxis.length > 0 && (
        <ul className="flex flex-wrap gap-2 text-xs">
          {offAxis.map((filter) => (
            <li key={filter.axis} className="flex items-center gap-1 rounded-md border px-2 py-1">
              <span>
                {splitAxisId(filter.axis).key}: {filter.text}
              </span>
              <button
                type="button"
                aria-label={`Remove the brush on ${splitAxisId(filter.axis).key}`}
                className="text-muted-foreground hover:text-foreground"
                onClick={filter.clear}
              >
                <XIcon className="size-3" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {axes.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-sm text-muted-foreground" data-testid="pc-empty">
          These runs have no params or metrics to draw axes for: log params or metrics to compare them here.
        </p>
      ) : (
        <PcChart
          axes={axes}
          runs={drawn}
          shownIds={shownIds}
          colors={colors}
          brushes={view.brushes}
          picks={view.picks}
          onBrush={(axis, brush) =>
            onChange({ ...view, parallelAxes: axisIds, brushes: withBrush(view.brushes, axis, brush) })
          }
          onPick={(axis, pick) => onChange({ ...view, parallelAxes: axisIds, picks: withPick(view.picks, axis, pick) })}
          onMove={(axis, direction) => setAxes(moveAxis(axisIds, axis, direction))}
        />
      )}
    </section>
  );
}
