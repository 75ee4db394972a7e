import {
  formatValueTick,
  formatWallTime,
  formatDuration,
  formatStep,
  formatValue,
  xTickFormatter,
} from "./axis-format";
import type { MarkerKind } from "./downsample";
import type { OverlayXAxis } from "./overlay-points";
import { innerTicks, linearScale, logScale, timeTicks, type YScale } from "./scale";
import type { XAxis } from "./series-points";

/** A line to draw: one run's raw or smoothed series, or a group's mean. `y: null` breaks it. */
export interface OverlayLine {
  id: string;
  label: string;
  color: string;
  points: readonly { x: number; y: number | null; step: number }[];
  /** 1 for the line read; lower for a raw line kept faint under its smoothed one. */
  alpha: number;
  width: number;
}

/** A group's ± std band. */
export interface OverlayBand {
  id: string;
  label: string;
  color: string;
  points: readonly { x: number; lo: number; hi: number }[];
}

/** NaN/±Infinity, drawn along the plot's top (NaN, +Infinity) or bottom (-Infinity) edge. */
export interface OverlayMarker {
  x: number;
  kind: MarkerKind;
  color: string;
  label: string;
}

export interface OverlayFrameInput {
  width: number;
  height: number;
  xAxis: OverlayXAxis;
  logY: boolean;
  /** The zoom window; without one the x-axis spans the data. */
  range?: { from: number; to: number } | undefined;
  lines: readonly OverlayLine[];
  bands: readonly OverlayBand[];
  markers: readonly OverlayMarker[];
}

export interface Tick {
  value: number;
  px: number;
  label: string;
}

/** Where everything goes, in CSS pixels: the one geometry both the canvas and the SVG export draw. */
export interface OverlayFrame {
  width: number;
  height: number;
  plot: { left: number; top: number; width: number; height: number };
  xDomain: [number, number];
  yScale: YScale;
  xTicks: Tick[];
  yTicks: Tick[];
  /** A value's pixel; null for what the axis cannot place (≤ 0 on a log axis, non-finite). */
  px: (x: number) => number;
  py: (y: number) => number | null;
  /** A pixel back to an x value (for a drag-zoom). */
  invertX: (px: number) => number;
  /** The y of a marker of this kind (just inside the plot's edge). */
  markerY: (kind: MarkerKind) => number;
}

const MARGIN = { left: 56, right: 12, top: 10, bottom: 24 };

/** Lays out an overlay chart: domains from everything drawn (bands included), ticks, and pixel mappings. */
export function overlayFrame(input: OverlayFrameInput): OverlayFrame {
  const { width, height, xAxis, logY, range, lines, bands } = input;
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    width: Math.max(1, width - MARGIN.left - MARGIN.right),
    height: Math.max(1, height - MARGIN.top - MARGIN.bottom),
  };
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  const seeY = (y: number) => {
    if (!Number.isFinite(y) || (logY && y <= 0)) return;
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  };
  const seeX = (x: number) => {
    if (range && (x < range.from || x > range.to)) return false;
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
    return true;
  };
  for (const line of lines) for (const p of line.points) if (p.y !== null && seeX(p.x)) seeY(p.y);
  for (const band of bands)
    for (const p of band.points) {
      if (!seeX(p.x)) continue;
      seeY(p.lo);
      seeY(p.hi);
    }
  for (const m of input.markers) seeX(m.x);
  const xDomain = xDomainOf(range, xMin, xMax, xAxis);
  const yScale =
    yMin > yMax ? (logY ? logScale(1, 10) : linearScale(0, 1)) : logY ? logScale(yMin, yMax) : linearScale(yMin, yMax);
  const [y0, y1] = logY ? (yScale.domain.map(Math.log10) as [number, number]) : yScale.domain;
  const [x0, x1] = xDomain;
  const px = (x: number) => plot.left + ((x - x0) / (x1 - x0)) * plot.width;
  const py = (y: number) => {
    if (!Number.isFinite(y) || (logY && y <= 0)) return null;
    const v = logY ? Math.log10(y) : y;
    return plot.top + (1 - (v - y0) / (y1 - y0)) * plot.height;
  };
  const span = x1 - x0;
  const format = xAxis.startsWith("metric:") ? formatValueTick : xTickFormatter(xAxis as XAxis, span);
  const xValues =
    xAxis === "time" || xAxis === "time-relative"
      ? timeTicks(x0, x1)
      : innerTicks(x0, x1, Math.max(2, Math.floor(plot.width / 90)), xAxis === "step" ? 1 : 0);
  return {
    width,
    height,
    plot,
    xDomain,
    yScale,
    xTicks: xValues.map((value) => ({ value, px: px(value), label: format(value) })),
    yTicks: yScale.ticks.map((value) => ({ value, px: py(value) ?? plot.top, label: formatValueTick(value) })),
    px,
    py,
    invertX: (p: number) => x0 + ((p - plot.left) / plot.width) * (x1 - x0),
    markerY: (kind) => (kind === "-inf" ? plot.top + plot.height - 4 : plot.top + 4),
  };
}

function xDomainOf(range: OverlayFrameInput["range"], min: number, max: number, xAxis: OverlayXAxis): [number, number] {
  if (range && range.from < range.to) return [range.from, range.to];
  if (range) return [range.from - 1, range.to + 1];
  if (!(min <= max)) return [0, 1];
  if (min < max) return [min, max];
  const pad = xAxis === "time" || xAxis === "time-relative" ? 1000 : 1;
  return [min - pad, max + pad];
}

/** An x value as a tooltip shows it on this axis. */
export function formatOverlayX(xAxis: OverlayXAxis, x: number): string {
  if (xAxis === "step") return `step ${formatStep(x)}`;
  if (xAxis === "time") return formatWallTime(x);
  if (xAxis === "time-relative") return formatDuration(x);
  return `${xAxis.slice("metric:".length)} ${formatValue(x)}`;
}

/** The point of `lines` nearest to a pixel (x distance first, then y), within `maxDistance` pixels. */
export function nearestPoint(
  frame: OverlayFrame,
  lines: readonly OverlayLine[],
  at: { px: number; py: number },
  maxDistance = 24,
): { line: OverlayLine; point: OverlayLine["points"][number] } | null {
  const x = frame.invertX(at.px);
  let best: { line: OverlayLine; point: OverlayLine["points"][number] } | null = null;
  let bestDistance = maxDistance;
  for (const line of lines) {
    // Faint raw lines under their smoothed ones are not what the pointer reads.
    if (line.alpha < 0.5 || line.points.length === 0) continue;
    const points = line.points;
    let lo = 0;
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (points[mid]!.x < x) lo = mid + 1;
      else hi = mid;
    }
    for (const i of [lo - 1, lo]) {
      const point = points[i];
      if (!point || point.y === null) continue;
      const y = frame.py(point.y);
      if (y === null) continue;
      const distance = Math.hypot(frame.px(point.x) - at.px, y - at.py);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = { line, point };
      }
    }
  }
  return best;
}

/** Line segments in pixels: each unbroken run of placeable points is one polyline. */
export function polylines(frame: OverlayFrame, line: OverlayLine): [number, number][][] {
  const parts: [number, number][][] = [];
  let current: [number, number][] = [];
  for (const p of line.points) {
    const y = p.y === null ? null : frame.py(p.y);
    if (y === null) {
      if (current.length) parts.push(current);
      current = [];
      continue;
    }
    current.push([frame.px(p.x), y]);
  }
  if (current.length) parts.push(current);
  return parts;
}

/** A band's outline in pixels: along the highs, back along the lows. */
export function bandPolygon(frame: OverlayFrame, band: OverlayBand): [number, number][] {
  const top: [number, number][] = [];
  const bottom: [number, number][] = [];
  for (const p of band.points) {
    const hi = frame.py(p.hi);
    const lo = frame.py(p.lo);
    const x = frame.px(p.x);
    top.push([x, hi ?? frame.plot.top]);
    bottom.push([x, lo ?? frame.plot.top + frame.plot.height]);
  }
  return [...top, ...bottom.reverse()];
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
const r = (n: number) => Math.round(n * 10) / 10;

/**
 * The chart as a standalone SVG document, drawn from the same frame and series as the canvas. Names
 * (untrusted) are escaped; the legend lists every line read at full strength.
 */
export function overlaySvg(
  frame: OverlayFrame,
  {
    title,
    lines,
    bands,
    markers,
  }: { title: string; lines: readonly OverlayLine[]; bands: readonly OverlayBand[]; markers: readonly OverlayMarker[] },
  colors: { text: string; grid: string; background: string } = { text: "#555", grid: "#ddd", background: "#fff" },
): string {
  const { plot } = frame;
  // Full-strength lines name the legend; past 50 the rest are counted.
  const strong = lines.filter((line) => line.alpha === 1);
  const legend = strong.slice(0, 50);
  const legendHeight = 16 * (legend.length + 1) + 8;
  const height = frame.height + 20 + legendHeight;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${frame.width}" height="${height}" viewBox="0 0 ${frame.width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="${colors.background}"/>`,
    `<text x="${plot.left}" y="14" fill="${colors.text}" font-size="13">${escapeXml(title)}</text>`,
    `<g transform="translate(0 20)">`,
    `<defs><clipPath id="plot"><rect x="${plot.left}" y="${plot.top}" width="${plot.width}" height="${plot.height}"/></clipPath></defs>`,
  ];
  for (const t of frame.yTicks) {
    out.push(
      `<line x1="${plot.left}" x2="${plot.left + plot.width}" y1="${r(t.px)}" y2="${r(t.px)}" stroke="${colors.grid}"/>`,
    );
    out.push(
      `<text x="${plot.left - 6}" y="${r(t.px) + 4}" text-anchor="end" fill="${colors.text}">${escapeXml(t.label)}</text>`,
    );
  }
  for (const t of frame.xTicks)
    out.push(
      `<text x="${r(t.px)}" y="${plot.top + plot.height + 16}" text-anchor="middle" fill="${colors.text}">${escapeXml(t.label)}</text>`,
    );
  out.push(`<g clip-path="url(#plot)">`);
  for (const band of bands) {
    const polygon = bandPolygon(frame, band);
    if (polygon.length)
      out.push(
        `<polygon points="${polygon.map(([x, y]) => `${r(x)},${r(y)}`).join(" ")}" fill="${band.color}" fill-opacity="0.18"/>`,
      );
  }
  for (const line of lines)
    for (const part of polylines(frame, line))
      out.push(
        `<polyline points="${part.map(([x, y]) => `${r(x)},${r(y)}`).join(" ")}" fill="none" stroke="${line.color}" stroke-opacity="${line.alpha}" stroke-width="${line.width}"/>`,
      );
  for (const m of markers)
    out.push(
      `<text x="${r(frame.px(m.x))}" y="${r(frame.markerY(m.kind)) + 4}" text-anchor="middle" fill="${m.color}">${m.kind === "nan" ? "×" : "▲"}</text>`,
    );
  out.push(`</g>`);
  legend.forEach((line, i) => {
    const y = frame.height + 8 + i * 16;
    out.push(`<rect x="${plot.left}" y="${y}" width="10" height="10" fill="${line.color}"/>`);
    out.push(`<text x="${plot.left + 16}" y="${y + 9}" fill="${colors.text}">${escapeXml(line.label)}</text>`);
  });
  if (strong.length > legend.length)
    out.push(
      `<text x="${plot.left}" y="${frame.height + 8 + legend.length * 16 + 9}" fill="${colors.text}">and ${strong.length - legend.length} more</text>`,
    );
  out.push(`</g></svg>`);
  return out.join("\n");
}
