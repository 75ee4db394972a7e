"use client";

import { useMemo, useState, type KeyboardEvent } from "react";
import { useElementWidth } from "@/features/metrics/hooks/use-element-width";
import { axisValue } from "../axis-values";
import { axisPosition, axisTicks, buildAxis, formatAxisTick, formatAxisValue, splitAxisId } from "../parallel/axes";
import type { CompareRun } from "../schemas";
import type { AxisId } from "../search-params";

const HEIGHT = 360;
const MARGIN = { top: 12, right: 20, bottom: 44, left: 72 };

interface ScatterChartProps {
  x: AxisId;
  y: AxisId;
  runs: readonly CompareRun[];
  colors: ReadonlyMap<string, string>;
}

interface Dot {
  run: CompareRun;
  cx: number;
  cy: number;
  color: string;
}

/** One dot per run at its values on two axes (numeric, log when they span orders of magnitude, or text). */
export function ScatterChart({ x, y, runs, colors }: ScatterChartProps) {
  const [containerRef, measured] = useElementWidth<HTMLDivElement>();
  const [hovered, setHovered] = useState<string | null>(null);
  const width = Math.max(measured, 320);
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const xAxis = useMemo(() => buildAxis(x, runs), [x, runs]);
  const yAxis = useMemo(() => buildAxis(y, runs), [y, runs]);
  const dots = useMemo(
    () =>
      runs.flatMap((run): Dot[] => {
        const tx = axisPosition(xAxis, axisValue(run, x));
        const ty = axisPosition(yAxis, axisValue(run, y));
        if (tx === null || ty === null) return [];
        const color = colors.get(run.runId) ?? "currentColor";
        return [{ run, cx: MARGIN.left + tx * plotWidth, cy: MARGIN.top + (1 - ty) * plotHeight, color }];
      }),
    [runs, xAxis, yAxis, x, y, colors, plotWidth, plotHeight],
  );
  const active = dots.find((dot) => dot.run.runId === hovered);
  // One tab stop for the whole chart: arrow keys step through the runs left to right.
  const byX = useMemo(() => [...dots].sort((p, q) => p.cx - q.cx || q.cy - p.cy), [dots]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") return setHovered(null);
    const delta =
      event.key === "ArrowRight" || event.key === "ArrowDown"
        ? 1
        : event.key === "ArrowLeft" || event.key === "ArrowUp"
          ? -1
          : 0;
    if (delta === 0 || byX.length === 0) return;
    event.preventDefault();
    const at = byX.findIndex((dot) => dot.run.runId === hovered);
    const next = at < 0 ? (delta > 0 ? 0 : byX.length - 1) : (at + delta + byX.length) % byX.length;
    setHovered(byX[next]!.run.runId);
  };
  const missing = runs.length - dots.length;
  const xName = splitAxisId(x).key;
  const yName = splitAxisId(y).key;
  const logNote = (axis: typeof xAxis) => (axis.kind === "numeric" && axis.log ? " (log)" : "");

  return (
    <div className="space-y-1">
      <div ref={containerRef} className="relative">
        <svg
          width={width}
          height={HEIGHT}
          className="block text-muted-foreground select-none"
          role="group"
          aria-label={`Scatter of ${yName} against ${xName}, ${dots.length} runs; arrow keys step through them`}
          tabIndex={0}
          onKeyDown={onKeyDown}
          onBlur={() => setHovered(null)}
          data-testid="scatter-chart"
        >
          {axisTicks(xAxis, 8).map(({ position, value }) => {
            const px = MARGIN.left + position * plotWidth;
            return (
              <g key={`x${value}`}>
                <line x1={px} x2={px} y1={MARGIN.top} y2={MARGIN.top + plotHeight} className="stroke-border" />
                <text x={px} y={MARGIN.top + plotHeight + 16} textAnchor="middle" className="fill-current text-[10px]">
                  {formatAxisTick(value)}
                </text>
              </g>
            );
          })}
          {axisTicks(yAxis, 8).map(({ position, value }) => {
            const py = MARGIN.top + (1 - position) * plotHeight;
            return (
              <g key={`y${value}`}>
                <line x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={py} y2={py} className="stroke-border" />
                <text x={MARGIN.left - 6} y={py} dy="0.32em" textAnchor="end" className="fill-current text-[10px]">
                  {formatAxisTick(value, 10)}
                </text>
              </g>
            );
          })}
          <text x={MARGIN.left + plotWidth / 2} y={HEIGHT - 6} textAnchor="middle" className="fill-foreground text-xs">
            {xName + logNote(xAxis)}
          </text>
          <text
            transform={`translate(14 ${MARGIN.top + plotHeight / 2}) rotate(-90)`}
            textAnchor="middle"
            className="fill-foreground text-xs"
          >
            {yName + logNote(yAxis)}
          </text>
          <g onPointerLeave={() => setHovered(null)}>
            {dots.map((dot) => (
              <circle
                key={dot.run.runId}
                cx={dot.cx}
                cy={dot.cy}
                r={hovered === dot.run.runId ? 7 : 5}
                fill={dot.color}
                fillOpacity={0.85}
                className="stroke-background"
                strokeWidth={1}
                role="img"
                aria-label={`${dot.run.runName || dot.run.runId}: ${xName} ${formatAxisValue(axisValue(dot.run, x))}, ${yName} ${formatAxisValue(axisValue(dot.run, y))}`}
                data-testid="scatter-dot"
                data-run-id={dot.run.runId}
                onPointerEnter={() => setHovered(dot.run.runId)}
              />
            ))}
          </g>
        </svg>
        {active && (
          <div
            className="pointer-events-none absolute z-10 max-w-72 rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md"
            style={{
              left: Math.min(active.cx + 12, Math.max(0, width - 290)),
              top: Math.max(0, active.cy - 64),
            }}
            role="status"
            data-testid="scatter-tooltip"
          >
            <p className="flex items-center gap-1.5 font-medium">
              <span className="size-2 shrink-0 rounded-full" style={{ background: active.color }} />
              <span className="truncate">{active.run.runName || active.run.runId}</span>
            </p>
            <p className="truncate">
              <span className="text-muted-foreground">{xName}</span> {formatAxisValue(axisValue(active.run, x))}
            </p>
            <p className="truncate">
              <span className="text-muted-foreground">{yName}</span> {formatAxisValue(axisValue(active.run, y))}
            </p>
          </div>
        )}
      </div>
      {missing > 0 && (
        <p className="text-xs text-muted-foreground" data-testid="scatter-missing">
          {missing} {missing === 1 ? "run has" : "runs have"} no value to place on one of the axes (missing, infinite,
          NaN, or ≤ 0 on a log axis).
        </p>
      )}
    </div>
  );
}
