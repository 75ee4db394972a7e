import type { ChartPoint } from "./downsample";

export interface YScale {
  /** The axis ends, which are its first and last ticks. */
  domain: [number, number];
  ticks: number[];
}

/**
 * "Nice" linear ticks (1, 2 or 5 × 10ⁿ apart) covering [min, max], about `count` of them; the first
 * and last tick enclose the data, so they are the axis ends. A flat series gets a band around its value.
 */
export function linearScale(min: number, max: number, count = 5): YScale {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return linearScale(0, 1, count);
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return linearScale(min - pad, max + pad, count);
  }
  // Near ±Number.MAX_VALUE the span or the rounded ends overflow: no round ticks there, just the ends.
  if (!Number.isFinite(max - min)) return { domain: [min, max], ticks: [min, max] };
  const step = tickStep(max - min, count);
  // The epsilon keeps 0.3 / 0.005 = 59.99999999999999 from adding a tick below the data.
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  // Multiplying integers by the step (rather than adding steps up) keeps ticks like 0.3 exact.
  const ticks = Array.from({ length: last - first + 1 }, (_, i) => clean((first + i) * step));
  if (!Number.isFinite(ticks[0]!) || !Number.isFinite(ticks.at(-1)!)) return { domain: [min, max], ticks: [min, max] };
  return { domain: [ticks[0]!, ticks.at(-1)!], ticks };
}

/** Powers of ten covering [min, max] (both > 0), thinned to at most `count` + 1 ticks. */
export function logScale(min: number, max: number, count = 5): YScale {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return logScale(1, 10, count);
  const lo = Math.floor(Math.log10(Math.min(min, max)));
  let hi = Math.ceil(Math.log10(Math.max(min, max)));
  if (hi === lo) hi = lo + 1;
  const every = Math.ceil((hi - lo) / count);
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e += every) ticks.push(clean(10 ** e));
  if (ticks.at(-1) !== clean(10 ** hi)) ticks.push(clean(10 ** hi));
  return { domain: [ticks[0]!, ticks.at(-1)!], ticks };
}

/** Rounds away binary noise (0.30000000000000004 → 0.3) without touching meaningful digits. */
function clean(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}

/**
 * Readies points for a log-scale axis: values ≤ 0 cannot be placed there, so they become breaks
 * (null) and are counted, to be reported next to the chart instead of silently vanishing.
 */
export function forLogScale(points: readonly ChartPoint[]): { points: ChartPoint[]; hidden: number } {
  let hidden = 0;
  const kept = points.map((point) => {
    if (point.y === null || point.y > 0) return point;
    hidden++;
    return { ...point, y: null };
  });
  return { points: kept, hidden };
}

/** min and max of the drawn (non-null) values: what the y-axis must show. */
export function drawnExtent(points: readonly ChartPoint[]): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const { y } of points) {
    if (y === null) continue;
    if (y < min) min = y;
    if (y > max) max = y;
  }
  return min <= max ? { min, max } : undefined;
}

/** d3's tick step: a power of ten near span / count, times 1, 2, 5 or 10, whichever is closest. */
function tickStep(span: number, count: number): number {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const error = raw / magnitude;
  return (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1) * magnitude;
}

/**
 * Round ticks inside [min, max] (ends included when round), for an axis whose ends are fixed; never
 * closer than `minStep` (1 for steps, which are integers).
 */
export function innerTicks(min: number, max: number, count = 5, minStep = 0): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min > max) [min, max] = [max, min];
  if (min === max) return [min];
  return multiplesWithin(min, max, Math.max(minStep, tickStep(max - min, count)));
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIME_STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
];

/**
 * Ticks in milliseconds (wall or relative time) at whole seconds, minutes, hours or days, about `count`
 * of them inside [min, max]; below a few seconds, round milliseconds.
 */
export function timeTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min > max) [min, max] = [max, min];
  const wanted = (max - min) / count;
  if (wanted < SECOND) return innerTicks(min, max, count);
  const step = TIME_STEPS.find((candidate) => candidate >= wanted) ?? tickStep(max - min, count);
  return multiplesWithin(min, max, step);
}

function multiplesWithin(min: number, max: number, step: number): number[] {
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => clean((first + i) * step));
}
