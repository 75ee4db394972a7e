"use client";

import { Button } from "@/components/ui/button";
import { X_AXES, X_AXIS_LABELS } from "@/features/compare/prepare";
import type { ChartView } from "../search-params";

/** The x-axis choice (Step, Wall time, Relative time) and the log-scale toggle, shared by every chart. */
export function ChartToolbar({ view, onChange }: { view: ChartView; onChange: (next: Partial<ChartView>) => void }) {
  return (
    <div className="ml-auto flex flex-wrap items-center gap-2">
      <div role="group" aria-label="X-axis" className="inline-flex rounded-md border p-0.5">
        {X_AXES.map((xAxis) => (
          <Button
            key={xAxis}
            variant={view.xAxis === xAxis ? "secondary" : "ghost"}
            size="sm"
            className="h-7 px-2 text-xs"
            aria-pressed={view.xAxis === xAxis}
            onClick={() => onChange({ xAxis })}
          >
            {X_AXIS_LABELS[xAxis]}
          </Button>
        ))}
      </div>
      <Button
        variant={view.logY ? "secondary" : "outline"}
        size="sm"
        className="h-8 px-2 text-xs"
        aria-pressed={view.logY}
        onClick={() => onChange({ logY: !view.logY })}
      >
        Log scale
      </Button>
    </div>
  );
}
