"use client";

import { useTheme } from "next-themes";
import { useEffect, useRef, useState, type PointerEvent } from "react";
import {
  bandPolygon,
  formatOverlayX,
  formatValue,
  nearestPoint,
  polylines,
  type OverlayBand,
  type OverlayFrame,
  type OverlayLine,
  type OverlayMarker,
  type OverlayXAxis,
} from "@/features/compare/prepare";

export interface ChartCanvasProps {
  frame: OverlayFrame;
  lines: readonly OverlayLine[];
  bands: readonly OverlayBand[];
  markers: readonly OverlayMarker[];
  xAxis: OverlayXAxis;
  /** A dragged x range, in the axis' units. */
  onZoom: (window: { from: number; to: number }) => void;
  /** A shift-drag: how far to move the x window, in the axis' units (only given while zoomed). */
  onPan?: (delta: number) => void;
  canvasRef?: React.RefObject<HTMLCanvasElement | null>;
}

export interface CanvasColors {
  text: string;
  grid: string;
  background: string;
}

const colorsByTheme = new Map<string, CanvasColors>();

/**
 * The theme's colours as the canvas needs them, read from CSS variables so both themes work; read once
 * per theme, since `getComputedStyle` forces a style recalculation of the page whenever its DOM changed
 * (ten charts drawing while a tooltip moves spent most of their long frames there).
 */
export function themeColors(element: HTMLElement, theme: string | undefined): CanvasColors {
  const key = theme ?? "";
  let colors = colorsByTheme.get(key);
  if (!colors) {
    const style = getComputedStyle(element);
    colors = {
      text: style.getPropertyValue("--muted-foreground").trim() || "#666",
      grid: style.getPropertyValue("--border").trim() || "#ddd",
      background: style.getPropertyValue("--card").trim() || "#fff",
    };
    colorsByTheme.set(key, colors);
  }
  return colors;
}

export function drawOverlay(
  canvas: HTMLCanvasElement,
  { frame, lines, bands, markers }: Pick<ChartCanvasProps, "frame" | "lines" | "bands" | "markers">,
  colors: CanvasColors,
): void {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(frame.width * ratio);
  canvas.height = Math.round(frame.height * ratio);
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, frame.width, frame.height);
  const { plot } = frame;
  ctx.font = "11px ui-sans-serif, system-ui, sans-serif";
  ctx.strokeStyle = colors.grid;
  ctx.lineWidth = 1;
  ctx.fillStyle = colors.text;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const tick of frame.yTicks) {
    ctx.beginPath();
    ctx.moveTo(plot.left, Math.round(tick.px) + 0.5);
    ctx.lineTo(plot.left + plot.width, Math.round(tick.px) + 0.5);
    ctx.stroke();
    ctx.fillText(tick.label, plot.left - 6, tick.px);
  }
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const tick of frame.xTicks) ctx.fillText(tick.label, tick.px, plot.top + plot.height + 6);

  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.left, plot.top, plot.width, plot.height);
  ctx.clip();
  for (const band of bands) {
    const polygon = bandPolygon(frame, band);
    if (polygon.length < 2) continue;
    ctx.globalAlpha = 0.18;
    ctx.fillStyle = band.color;
    ctx.beginPath();
    polygon.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    ctx.closePath();
    ctx.fill();
  }
  // Bevel joins: as exact as round ones at a spike's tip (no miter overshoot) and far cheaper to
  // rasterize on thousands of vertices per line.
  ctx.lineJoin = "bevel";
  for (const line of lines) {
    ctx.globalAlpha = line.alpha;
    ctx.strokeStyle = line.color;
    ctx.lineWidth = line.width;
    ctx.beginPath();
    for (const part of polylines(frame, line)) {
      if (part.length === 1) {
        const [x, y] = part[0]!;
        ctx.moveTo(x - 1.5, y);
        ctx.lineTo(x + 1.5, y);
        continue;
      }
      part.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.font = "bold 11px ui-sans-serif, system-ui, sans-serif";
  for (const marker of markers) {
    ctx.fillStyle = marker.color;
    ctx.fillText(
      marker.kind === "nan" ? "×" : marker.kind === "+inf" ? "▲" : "▼",
      frame.px(marker.x),
      frame.markerY(marker.kind),
    );
  }
  ctx.restore();
}

/**
 * Draws an overlay on a canvas (hundreds of lines of up to 4,000 points each stay cheap there, see
 * bench/README.md), with a tooltip for the nearest line, a drag across the plot to zoom and, when
 * zoomed, a shift-drag to pan (the drawing follows the pointer; the new window is asked for on release).
 */
export function ChartCanvas({ frame, lines, bands, markers, xAxis, onZoom, onPan, canvasRef }: ChartCanvasProps) {
  const ownRef = useRef<HTMLCanvasElement>(null);
  const ref = canvasRef ?? ownRef;
  const { resolvedTheme } = useTheme();
  const [hover, setHover] = useState<{ px: number; py: number } | null>(null);
  const [drag, setDrag] = useState<{ from: number; to: number; pan: boolean } | null>(null);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    drawOverlay(canvas, { frame, lines, bands, markers }, themeColors(canvas, resolvedTheme));
    canvas.dataset.painted = String(performance.now());
  }, [ref, frame, lines, bands, markers, resolvedTheme]);

  const localX = (event: PointerEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { px: event.clientX - box.left, py: event.clientY - box.top };
  };
  const clampX = (px: number) => Math.min(frame.plot.left + frame.plot.width, Math.max(frame.plot.left, px));
  const hit = hover && !drag ? nearestPoint(frame, lines, hover) : null;

  return (
    <div
      className="relative select-none"
      style={{
        width: frame.width,
        height: frame.height,
        touchAction: "none",
        cursor: drag?.pan ? "grabbing" : "crosshair",
        overflow: "hidden",
      }}
      data-testid="overlay-plot-area"
      title={onPan ? "Drag to zoom, shift-drag to pan" : "Drag to zoom"}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        const pan = event.shiftKey && onPan !== undefined;
        const x = pan ? localX(event).px : clampX(localX(event).px);
        setDrag({ from: x, to: x, pan });
      }}
      onPointerMove={(event) => {
        const at = localX(event);
        if (drag) setDrag({ ...drag, to: drag.pan ? at.px : clampX(at.px) });
        else setHover(at);
      }}
      onPointerLeave={() => setHover(null)}
      onPointerUp={() => {
        if (!drag) return;
        setDrag(null);
        if (Math.abs(drag.to - drag.from) < 3) return;
        const [a, b] = [frame.invertX(drag.from), frame.invertX(drag.to)];
        // Dragging the drawing right shows what lies left of the window: the window moves by a − b.
        if (drag.pan) onPan?.(a - b);
        else onZoom({ from: Math.min(a, b), to: Math.max(a, b) });
      }}
      onPointerCancel={() => setDrag(null)}
    >
      <canvas
        ref={ref}
        data-testid="overlay-canvas"
        style={{
          width: frame.width,
          height: frame.height,
          ...(drag?.pan ? { transform: `translateX(${drag.to - drag.from}px)` } : {}),
        }}
      />
      {drag && !drag.pan && drag.from !== drag.to ? (
        <div
          className="pointer-events-none absolute bg-primary/15"
          style={{
            left: Math.min(drag.from, drag.to),
            width: Math.abs(drag.to - drag.from),
            top: frame.plot.top,
            height: frame.plot.height,
          }}
        />
      ) : null}
      {hit ? (
        <div
          role="tooltip"
          data-testid="overlay-tooltip"
          className="pointer-events-none absolute z-10 max-w-72 rounded-md border bg-popover px-2 py-1 text-xs text-popover-foreground shadow-md"
          style={{
            left: Math.min(frame.px(hit.point.x) + 10, frame.width - 200),
            top: Math.max(0, (frame.py(hit.point.y ?? 0) ?? 0) - 40),
          }}
        >
          <div className="flex items-center gap-1.5 font-medium">
            <span
              aria-hidden
              className="inline-block size-2 shrink-0 rounded-full"
              style={{ background: hit.line.color }}
            />
            <span className="truncate">{hit.line.label}</span>
          </div>
          <div className="text-muted-foreground">
            {formatOverlayX(xAxis, hit.point.x)}
            {xAxis === "step" ? "" : ` · step ${hit.point.step.toLocaleString("en-US")}`}
          </div>
          <div className="tabular-nums">{formatValue(hit.point.y)}</div>
        </div>
      ) : null}
    </div>
  );
}
