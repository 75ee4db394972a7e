import { axisValue } from "../axis-values";
import { formatValue, formatValueTick } from "../prepare/axis-format";
import { linearScale, logScale } from "../prepare/scale";
import type { CompareRun } from "../schemas";
import type { AxisId } from "../search-params";

/** A positive axis whose largest value is at least this many times its smallest is drawn on a log scale. */
export const LOG_SPAN = 1000;

export type ChartAxis =
  | { id: AxisId; kind: "numeric"; log: boolean; domain: [number, number]; ticks: number[] }
  /** Text values (or text mixed with numbers), evenly spaced in natural order, bottom to top. */
  | { id: AxisId; kind: "categorical"; categories: string[] };

const natural = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** `param:lr` -> `{ type: "param", key: "lr" }` (the key may hold `:`). */
export function splitAxisId(id: AxisId): { type: "param" | "metric" | "tag"; key: string } {
  const at = id.indexOf(":");
  return { type: id.slice(0, at) as "param" | "metric" | "tag", key: id.slice(at + 1) };
}

/**
 * An axis fitted to the runs' values: numeric when every value is a number (log when all are positive
 * and span `LOG_SPAN` or more), categorical as soon as one is text. Infinities and missing values are
 * left off the axis (they have no place on it), so they never stretch it.
 */
export function buildAxis(id: AxisId, runs: readonly CompareRun[]): ChartAxis {
  const values = runs.map((run) => axisValue(run, id)).filter((value) => value !== null);
  if (values.some((value) => typeof value === "string")) {
    const categories = [...new Set(values.map(String))].sort(natural.compare);
    return { id, kind: "categorical", categories };
  }
  const numbers = (values as number[]).filter(Number.isFinite);
  if (numbers.length === 0) {
    const { domain, ticks } = linearScale(0, 1);
    return { id, kind: "numeric", log: false, domain, ticks };
  }
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const log = min > 0 && max / min >= LOG_SPAN;
  const { domain, ticks } = log ? logScale(min, max) : linearScale(min, max);
  return { id, kind: "numeric", log, domain, ticks };
}

/**
 * Where a value sits on the axis, from 0 (bottom) to 1 (top); null when it has no place there
 * (missing, infinite, ≤ 0 on a log axis, or text on a numeric axis).
 */
export function axisPosition(axis: ChartAxis, value: number | string | null): number | null {
  if (value === null) return null;
  if (axis.kind === "categorical") {
    const at = axis.categories.indexOf(String(value));
    if (at < 0) return null;
    return axis.categories.length === 1 ? 0.5 : at / (axis.categories.length - 1);
  }
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  const [lo, hi] = axis.domain;
  if (axis.log) {
    if (value <= 0) return null;
    return (Math.log10(value) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
  }
  return hi === lo ? 0.5 : (value - lo) / (hi - lo);
}

/** The value at a position (0 bottom, 1 top) of a numeric axis: `axisPosition`'s inverse. */
export function valueAtPosition(axis: Extract<ChartAxis, { kind: "numeric" }>, position: number): number {
  const [lo, hi] = axis.domain;
  if (axis.log) return 10 ** (Math.log10(lo) + position * (Math.log10(hi) - Math.log10(lo)));
  return lo + position * (hi - lo);
}

/** The ticks to label: a numeric axis's own, or up to `max` categories spread over the axis. */
export function axisTicks(axis: ChartAxis, max = 12): { position: number; value: number | string }[] {
  if (axis.kind === "numeric") return axis.ticks.map((value) => ({ position: axisPosition(axis, value) ?? 0, value }));
  const every = Math.max(1, Math.ceil(axis.categories.length / max));
  return axis.categories
    .filter((_, i) => i % every === 0)
    .map((value) => ({ position: axisPosition(axis, value) ?? 0, value }));
}

/** A run's value on an axis for a tooltip: numbers in full, text as it is, a dash when missing. */
export function formatAxisValue(value: number | string | null): string {
  return typeof value === "number" ? formatValue(value) : (value ?? "–");
}

/** A tick label: short numbers (1M, 1e-4), text cut to `max` characters. */
export function formatAxisTick(value: number | string, max = 14): string {
  if (typeof value === "number") return formatValueTick(value);
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** The axes with `id` swapped with its neighbour on the left (-1) or right (1); unchanged at an end. */
export function moveAxis(ids: readonly AxisId[], id: AxisId, direction: -1 | 1): AxisId[] {
  const from = ids.indexOf(id);
  const to = from + direction;
  const next = [...ids];
  if (from === -1 || to < 0 || to >= ids.length) return next;
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}
