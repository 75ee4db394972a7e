"use client";

import { memo, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { useElementWidth } from "@/features/metrics/hooks/use-element-width";
import { axisValue } from "../axis-values";
import {
  axisPosition,
  axisTicks,
  formatAxisTick,
  formatAxisValue,
  splitAxisId,
  type ChartAxis,
} from "../parallel/axes";
import {
  brushFromPixels,
  brushToPixels,
  CLICK_PIXELS,
  picksFromPixels,
  shiftBrush,
  type Brush,
  type Pick,
} from "../parallel/brush";
import type { CompareRun } from "../schemas";
import type { AxisId } from "../search-params";

const HEIGHT = 300;
const TOP = 44;
const BOTTOM = 16;
const SIDE = 70;
/** Axes never closer than this, in pixels: a wide set scrolls sideways. */
const MIN_GAP = 110;

interface PcChartProps {
  axes: readonly ChartAxis[];
  /** The runs drawn (not hidden from the legend); those not in `shownIds` are outside a brush: faint. */
  runs: readonly CompareRun[];
  shownIds: ReadonlySet<string>;
  colors: ReadonlyMap<string, string>;
  brushes: readonly Brush[];
  /** Categories kept on text axes. */
  picks: readonly Pick[];
  onBrush: (axis: AxisId, brush: Brush | null) => void;
  onPick: (axis: AxisId, pick: Pick | null) => void;
  /** Moves an axis one place left (-1) or right (1). */
  onMove: (axis: AxisId, direction: -1 | 1) => void;
}

type Band = { top: number; bottom: number };
/** Half the height of the mark around a picked category. */
const PICK_MARK = 7;

interface Line {
  runId: string;
  d: string;
  color: string;
  excluded: boolean;
}

/** "M x y L x y M …": a run's polyline, broken where it has no value on an axis. */
function linePath(run: CompareRun, axes: readonly ChartAxis[], xs: readonly number[]): string {
  let d = "";
  let drawing = false;
  axes.forEach((axis, i) => {
    const t = axisPosition(axis, axisValue(run, axis.id));
    if (t === null) {
      drawing = false;
      return;
    }
    const y = TOP + (1 - t) * HEIGHT;
    d += `${drawing ? "L" : "M"}${xs[i]!.toFixed(1)} ${y.toFixed(1)}`;
    drawing = true;
  });
  return d;
}

/** Parallel coordinates in SVG: one axis per param or metric, one polyline per run, brushes to drag. */
export function PcChart({ axes, runs, shownIds, colors, brushes, picks, onBrush, onPick, onMove }: PcChartProps) {
  const [containerRef, measured] = useElementWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ axis: AxisId; y0: number; y1: number } | null>(null);

  const width = Math.max(measured, SIDE * 2 + MIN_GAP * Math.max(0, axes.length - 1));
  const xs = useMemo(
    () => axes.map((_, i) => (axes.length === 1 ? width / 2 : SIDE + (i * (width - 2 * SIDE)) / (axes.length - 1))),
    [axes, width],
  );
  const lines = useMemo<Line[]>(
    () =>
      runs.map((run) => ({
        runId: run.runId,
        d: linePath(run, axes, xs),
        color: colors.get(run.runId) ?? "currentColor",
        excluded: !shownIds.has(run.runId),
      })),
    [runs, axes, xs, colors, shownIds],
  );
  const hoveredRun = hovered ? runs.find((run) => run.runId === hovered) : undefined;

  const localY = (event: PointerEvent) => event.clientY - (svgRef.current?.getBoundingClientRect().top ?? 0) - TOP;
  const onPointerDown = (axis: ChartAxis) => (event: PointerEvent<SVGRectElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const y = localY(event);
    setDraft({ axis: axis.id, y0: y, y1: y });
  };
  const onPointerMove = (axis: ChartAxis) => (event: PointerEvent<SVGRectElement>) => {
    if (draft?.axis === axis.id) setDraft({ ...draft, y1: localY(event) });
  };
  const onPointerUp = (axis: ChartAxis) => () => {
    if (draft?.axis !== axis.id) return;
    setDraft(null);
    // A click (no drag) clears the axis's brush; a drag sets a new one.
    const click = Math.abs(draft.y1 - draft.y0) < CLICK_PIXELS;
    if (axis.kind === "categorical") onPick(axis.id, click ? null : picksFromPixels(axis, draft.y0, draft.y1, HEIGHT));
    else onBrush(axis.id, click ? null : brushFromPixels(axis, draft.y0, draft.y1, HEIGHT));
  };
  const onKeyDown = (axis: ChartAxis, brush: Brush | undefined) => (event: KeyboardEvent) => {
    const key = event.key;
    if (axis.kind === "categorical") {
      if (key !== "Delete" && key !== "Backspace" && key !== "Escape") return;
      onPick(axis.id, null);
      event.preventDefault();
      return;
    }
    if ((key === "Delete" || key === "Backspace" || key === "Escape") && brush) onBrush(axis.id, null);
    else if (key === "Enter" && !brush) onBrush(axis.id, brushFromPixels(axis, HEIGHT / 4, (3 * HEIGHT) / 4, HEIGHT));
    else if ((key === "ArrowUp" || key === "ArrowDown") && brush)
      onBrush(axis.id, shiftBrush(axis, brush, key === "ArrowUp" ? 0.05 : -0.05));
    else return;
    event.preventDefault();
  };

  return (
    <div className="space-y-2">
      <p className="h-5 truncate text-sm" data-testid="pc-hover">
        {hoveredRun ? (
          <>
            <span className="font-medium">{hoveredRun.runName || hoveredRun.runId}</span>
            <span className="text-muted-foreground">
              {axes.map((axis) => ` · ${splitAxisId(axis.id).key} ${formatAxisValue(axisValue(hoveredRun, axis.id))}`)}
            </span>
          </>
        ) : (
          <span className="text-muted-foreground">
            Drag along an axis to keep only the runs in that range (or with those values); click the axis to clear it.
          </span>
        )}
      </p>
      <div ref={containerRef} className="overflow-x-auto">
        <svg
          ref={svgRef}
          width={width}
          height={TOP + HEIGHT + BOTTOM}
          className="block text-muted-foreground select-none"
          role="group"
          aria-label={`Parallel coordinates of ${runs.length} runs over ${axes.length} axes`}
          data-testid="pc-chart"
        >
          <PcLines lines={lines} hovered={hovered} onHover={setHovered} />
          {axes.map((axis, i) => {
            const brush = brushes.find((b) => b.axis === axis.id);
            const pick = picks.find((p) => p.axis === axis.id);
            const dragging = draft?.axis === axis.id ? draft : null;
            const bands: Band[] = dragging
              ? [
                  {
                    top: Math.max(0, Math.min(dragging.y0, dragging.y1)),
                    bottom: Math.min(HEIGHT, Math.max(dragging.y0, dragging.y1)),
                  },
                ]
              : axis.kind === "numeric"
                ? brush
                  ? [brushToPixels(axis, brush, HEIGHT)]
                  : []
                : (pick?.values ?? []).flatMap((value) => {
                    const t = axisPosition(axis, value);
                    if (t === null) return [];
                    const y = (1 - t) * HEIGHT;
                    return [{ top: y - PICK_MARK, bottom: y + PICK_MARK }];
                  });
            return (
              <PcAxis
                key={axis.id}
                axis={axis}
                x={xs[i]!}
                bands={bands}
                brush={brush}
                pick={pick}
                onPointerDown={onPointerDown(axis)}
                onPointerMove={onPointerMove(axis)}
                onPointerUp={onPointerUp(axis)}
                onPointerCancel={() => setDraft(null)}
                onKeyDown={onKeyDown(axis, brush)}
                onMove={(direction) => onMove(axis.id, direction)}
                first={i === 0}
                last={i === axes.length - 1}
              />
            );
          })}
        </svg>
      </div>
    </div>
  );
}

const PcLines = memo(function PcLines({
  lines,
  hovered,
  onHover,
}: {
  lines: readonly Line[];
  hovered: string | null;
  onHover: (runId: string | null) => void;
}) {
  // Faint (brushed-out) runs first, so the runs kept are drawn over them; the hovered one on top.
  const ordered = [...lines.filter((l) => l.excluded), ...lines.filter((l) => !l.excluded)];
  const top = lines.find((line) => line.runId === hovered);
  return (
    <g fill="none" onPointerLeave={() => onHover(null)}>
      {ordered.map((line) => (
        <path
          key={line.runId}
          d={line.d}
          stroke={line.color}
          strokeWidth={line.excluded ? 1 : 1.5}
          strokeOpacity={line.excluded ? 0.12 : hovered && hovered !== line.runId ? 0.3 : 0.85}
          data-testid="pc-line"
          data-run-id={line.runId}
          data-state={line.excluded ? "excluded" : "shown"}
        />
      ))}
      {top && <path d={top.d} stroke={top.color} strokeWidth={3} pointerEvents="none" />}
      {ordered.map((line) => (
        <path
          key={line.runId}
          d={line.d}
          stroke="transparent"
          strokeWidth={8}
          pointerEvents="stroke"
          onPointerEnter={() => onHover(line.runId)}
        />
      ))}
    </g>
  );
});

interface PcAxisProps {
  axis: ChartAxis;
  x: number;
  bands: readonly Band[];
  brush: Brush | undefined;
  pick: Pick | undefined;
  onPointerDown: (event: PointerEvent<SVGRectElement>) => void;
  onPointerMove: (event: PointerEvent<SVGRectElement>) => void;
  onPointerUp: () => void;
  onPointerCancel: () => void;
  onKeyDown: (event: KeyboardEvent) => void;
  onMove: (direction: -1 | 1) => void;
  first: boolean;
  last: boolean;
}

/** A small arrow beside an axis' type label that moves the axis one place. */
function MoveButton({ axisKey, direction, onMove }: { axisKey: string; direction: -1 | 1; onMove: () => void }) {
  const label = `Move ${axisKey} ${direction < 0 ? "left" : "right"}`;
  return (
    <g
      transform={`translate(${direction * 34} -12)`}
      role="button"
      tabIndex={0}
      aria-label={label}
      data-testid={direction < 0 ? "pc-move-left" : "pc-move-right"}
      className="cursor-pointer fill-muted-foreground outline-none hover:fill-foreground focus-visible:fill-foreground"
      onClick={onMove}
      onKeyDown={(event) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        onMove();
      }}
    >
      <title>{label}</title>
      <rect x={-8} y={-8} width={16} height={16} fill="transparent" />
      <text textAnchor="middle" dy="0.32em" className="text-[11px]">
        {direction < 0 ? "‹" : "›"}
      </text>
    </g>
  );
}

function PcAxis(props: PcAxisProps) {
  const { axis, x, bands, brush, pick, onPointerDown, onPointerMove, onPointerUp, onPointerCancel, onKeyDown } = props;
  const { onMove, first, last } = props;
  const { type, key } = splitAxisId(axis.id);
  const numeric = axis.kind === "numeric";
  const label = numeric
    ? brush
      ? `${key}: kept from ${formatAxisValue(brush.from)} to ${formatAxisValue(brush.to)}. Delete clears, arrows move it.`
      : `${key}: press Enter to brush the middle of the axis, or drag along it.`
    : pick
      ? `${key}: kept ${pick.values.join(", ")}. Delete clears.`
      : `${key}: drag along the axis to keep runs with those values.`;
  return (
    <g transform={`translate(${x} ${TOP})`} data-testid="pc-axis" data-axis={axis.id} data-kind={axis.kind}>
      <text y={-26} textAnchor="middle" className="fill-foreground text-xs font-medium">
        <title>{`${type} ${key}${numeric && axis.log ? " (log scale)" : ""}`}</title>
        {formatAxisTick(key, 18)}
      </text>
      <text y={-12} textAnchor="middle" className="fill-muted-foreground text-[10px]">
        {type}
        {numeric && axis.log ? " · log" : ""}
      </text>
      {first ? null : <MoveButton axisKey={key} direction={-1} onMove={() => onMove(-1)} />}
      {last ? null : <MoveButton axisKey={key} direction={1} onMove={() => onMove(1)} />}
      <line y1={0} y2={HEIGHT} stroke="currentColor" />
      {axisTicks(axis).map(({ position, value }) => (
        <g key={String(value)} transform={`translate(0 ${(1 - position) * HEIGHT})`}>
          <line x1={-4} x2={0} stroke="currentColor" />
          <text
            x={-7}
            dy="0.32em"
            textAnchor="end"
            // A halo in the background colour keeps labels readable over the lines.
            className="fill-muted-foreground stroke-background stroke-[3px] text-[10px] [paint-order:stroke]"
          >
            {formatAxisTick(value)}
          </text>
        </g>
      ))}
      {bands.map((band, i) => (
        <rect
          key={i}
          x={-7}
          width={14}
          y={band.top}
          height={Math.max(1, band.bottom - band.top)}
          className="fill-primary/20 stroke-primary"
          data-testid={numeric ? "pc-brush" : "pc-pick"}
          pointerEvents="none"
        />
      ))}
      <rect
        x={-14}
        width={28}
        y={0}
        height={HEIGHT}
        fill="transparent"
        className="cursor-crosshair outline-none focus-visible:stroke-ring"
        tabIndex={0}
        role="button"
        aria-pressed={Boolean(numeric ? brush : pick)}
        aria-label={label}
        data-testid="pc-brush-area"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerCancel}
        onKeyDown={onKeyDown}
      />
    </g>
  );
}
