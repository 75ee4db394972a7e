"use client";

import { Button } from "@/components/ui/button";
import { X_AXES, X_AXIS_LABELS } from "@/features/compare/prepare";
import type { CompareRun } from "../schemas";
import type { CompareView, CompareXAxis } from "../search-params";

const selectClass =
  "h-8 rounded-md border border-input bg-background px-2 text-xs text-foreground shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";

/** Keys of params and of tags over the runs, sorted: what the runs can be grouped by. */
function groupChoices(runs: readonly CompareRun[]): { params: string[]; tags: string[] } {
  const params = new Set<string>();
  const tags = new Set<string>();
  for (const run of runs) {
    for (const key of Object.keys(run.params)) params.add(key);
    for (const key of Object.keys(run.tags)) tags.add(key);
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
  return { params: sorted(params), tags: sorted(tags) };
}

/** The settings every overlay chart shares: x-axis, log scale, smoothing, grouping, and resetting zooms. */
export function OverlayToolbar({
  view,
  runs,
  metricKeys,
  onChange,
}: {
  view: CompareView;
  runs: readonly CompareRun[];
  metricKeys: readonly string[];
  onChange: (next: CompareView, mode?: "push" | "replace") => void;
}) {
  const { params, tags } = groupChoices(runs);
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs" data-testid="overlay-toolbar">
      <label className="flex items-center gap-1.5">
        <span className="text-muted-foreground">X-axis</span>
        <select
          aria-label="X-axis"
          className={selectClass}
          value={view.xAxis}
          // The zooms are in the old axis' units: a new axis starts unzoomed.
          onChange={(event) => onChange({ ...view, xAxis: event.target.value as CompareXAxis, zooms: [] }, "push")}
        >
          {X_AXES.map((axis) => (
            <option key={axis} value={axis}>
              {X_AXIS_LABELS[axis]}
            </option>
          ))}
          <KeyOptions label="Another metric" prefix="metric" keys={metricKeys} />
        </select>
      </label>
      <Button
        variant={view.logY ? "secondary" : "outline"}
        size="sm"
        className="h-8 px-2 text-xs"
        aria-pressed={view.logY}
        onClick={() => onChange({ ...view, logY: !view.logY }, "push")}
      >
        Log scale
      </Button>
      <label className="flex items-center gap-1.5">
        <span className="text-muted-foreground">Smoothing</span>
        <input
          type="range"
          aria-label="Smoothing"
          min={0}
          max={0.99}
          step={0.01}
          value={view.smoothing}
          className="w-28 accent-primary"
          onChange={(event) => onChange({ ...view, smoothing: Number(event.target.value) })}
        />
        <span className="w-8 tabular-nums" data-testid="overlay-smoothing-value">
          {view.smoothing.toFixed(2)}
        </span>
      </label>
      <label className="flex items-center gap-1.5">
        <span className="text-muted-foreground">Group by</span>
        <select
          aria-label="Group by"
          className={selectClass}
          value={view.groupBy ?? ""}
          onChange={(event) =>
            onChange({ ...view, groupBy: (event.target.value || null) as CompareView["groupBy"] }, "push")
          }
        >
          <option value="">None</option>
          <KeyOptions label="Param" prefix="param" keys={params} />
          <KeyOptions label="Tag" prefix="tag" keys={tags} />
        </select>
      </label>
      {view.zooms.length ? (
        <Button
          variant="outline"
          size="sm"
          className="h-8 px-2 text-xs"
          onClick={() => onChange({ ...view, zooms: [] }, "push")}
        >
          Reset all zooms
        </Button>
      ) : null}
    </div>
  );
}

/** One `<optgroup>` of axis ids `<prefix>:<key>`, left out when there are no keys. */
function KeyOptions({ label, prefix, keys }: { label: string; prefix: string; keys: readonly string[] }) {
  if (!keys.length) return null;
  return (
    <optgroup label={label}>
      {keys.map((key) => (
        <option key={key} value={`${prefix}:${key}`}>
          {key}
        </option>
      ))}
    </optgroup>
  );
}
