/**
 * What one metric chart draws, decided without React: the line (ready for a log axis if asked),
 * NaN/±Infinity markers pinned to the plot's edges, the axes' domains and ticks, and whether the
 * series is better shown as a single value.
 */
import {
  drawnExtent,
  forLogScale,
  innerTicks,
  linearScale,
  logScale,
  timeTicks,
  type ChartPoint,
  type MarkerKind,
  type XAxis,
  type YScale,
} from "@/features/compare/prepare";
import { SERIES_LIMITS, type MetricSeries } from "./schemas";

/** A NaN/±Infinity marker placed on the plot: +Infinity and NaN along the top edge, -Infinity along the bottom. */
export interface MarkerDot {
  x: number;
  y: number;
  kind: MarkerKind;
  step: number;
  timestamp: number;
  count: number;
}

export interface ChartModel {
  points: ChartPoint[];
  markers: MarkerDot[];
  yScale: YScale;
  xDomain: [number, number];
  xTicks: number[];
  /** Values ≤ 0 left out on a log axis. */
  hiddenOnLog: number;
  /** Drawn (finite) points: what the "sampled" note counts. */
  drawnPoints: number;
}

export interface ChartModelOptions {
  xAxis: XAxis;
  logY: boolean;
  /** The zoom, if any: the x-axis then spans exactly this range. */
  range?: { from: number; to: number } | undefined;
}

export function chartModel(series: MetricSeries, { xAxis, logY, range }: ChartModelOptions): ChartModel {
  const { points, hidden } = logY ? forLogScale(series.points) : { points: series.points, hidden: 0 };
  const extent = drawnExtent(points);
  const yScale = logY ? logScale(extent?.min ?? 1, extent?.max ?? 10) : linearScale(extent?.min ?? 0, extent?.max ?? 1);
  const xDomain = xDomainOf(series, xAxis, range);
  const [top, bottom] = [edge(yScale, logY, 1), edge(yScale, logY, 0)];
  const markers = series.markers
    .filter((m) => m.x >= xDomain[0] && m.x <= xDomain[1])
    .map((m) => ({ ...m, y: m.kind === "-inf" ? bottom : top }));
  return {
    points,
    markers,
    yScale,
    xDomain,
    // Steps are integers: no tick between two of them.
    xTicks: xAxis === "step" ? innerTicks(xDomain[0], xDomain[1], 5, 1) : timeTicks(xDomain[0], xDomain[1]),
    hiddenOnLog: hidden,
    drawnPoints: points.reduce((count, p) => count + (p.y === null ? 0 : 1), 0),
  };
}

/** Just inside the top (1) or bottom (0) of the y-axis, so a marker's symbol is not cut by the plot's edge. */
function edge({ domain: [low, high] }: YScale, logY: boolean, side: 0 | 1): number {
  const inset = 0.04;
  const [a, b] = logY ? [Math.log10(low), Math.log10(high)] : [low, high];
  const at = side === 1 ? b - (b - a) * inset : a + (b - a) * inset;
  return logY ? 10 ** at : at;
}

function xDomainOf(series: MetricSeries, xAxis: XAxis, range: ChartModelOptions["range"]): [number, number] {
  const [from, to] = range ? [range.from, range.to] : [series.xMin ?? 0, series.xMax ?? 1];
  if (from < to) return [from, to];
  // One x only: a band around it, one step or one second wide each side.
  const pad = xAxis === "step" ? 1 : 1000;
  return [from - pad, to + pad];
}

/**
 * A series of exactly one logged point reads better as a number than as a chart of one dot:
 * its value (or NaN/±Infinity), step and time. Undefined for anything else, and inside a zoom.
 */
export function singleValueOf(
  series: MetricSeries,
  zoomed: boolean,
): { value: number; step: number; timestamp: number } | undefined {
  if (zoomed || series.totalPoints !== 1) return undefined;
  const point = series.points.find((p) => p.y !== null);
  if (point) return { value: point.y as number, step: point.step, timestamp: point.timestamp };
  const marker = series.markers[0];
  if (!marker) return undefined;
  const value = marker.kind === "nan" ? Number.NaN : marker.kind === "+inf" ? Infinity : -Infinity;
  return { value, step: marker.step, timestamp: marker.timestamp };
}

/** "sampled: 2,412 of 100,000 points (every spike kept)", or undefined when every point is drawn. */
export function sampledNote(series: MetricSeries, drawnPoints: number): string | undefined {
  if (!series.sampled) return undefined;
  const n = new Intl.NumberFormat("en-US");
  return `sampled: ${n.format(drawnPoints)} of ${n.format(series.totalPoints)} points (every spike kept)`;
}

/**
 * Buckets for a plot `width` pixels wide: about one per pixel, rounded up to a multiple of 100 so
 * a small resize does not fetch again, between 100 and the server's cap of 1,000.
 */
export function bucketsFor(width: number): number {
  return Math.min(SERIES_LIMITS.buckets, Math.max(100, Math.ceil(width / 100) * 100));
}
