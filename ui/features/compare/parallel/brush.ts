import type { AxisId, CompareView } from "../search-params";
import { axisPosition, valueAtPosition, type ChartAxis } from "./axes";

export type Brush = CompareView["brushes"][number];
type NumericAxis = Extract<ChartAxis, { kind: "numeric" }>;

/** A drag shorter than this (in pixels) is a click: it clears the axis's brush. */
export const CLICK_PIXELS = 3;

const clamp01 = (t: number) => Math.min(1, Math.max(0, t));
/** Six significant digits keep the URL short without moving a range edge visibly. */
const round = (value: number) => Number.parseFloat(value.toPrecision(6));

/**
 * The value range a vertical drag covers on a numeric axis `height` pixels tall; `y0` and `y1` are
 * pixels from the axis's top, in either order, clamped to the axis.
 */
export function brushFromPixels(axis: NumericAxis, y0: number, y1: number, height: number): Brush {
  const [a, b] = [clamp01(1 - y0 / height), clamp01(1 - y1 / height)];
  const from = round(valueAtPosition(axis, Math.min(a, b)));
  const to = round(valueAtPosition(axis, Math.max(a, b)));
  return { axis: axis.id, from, to };
}

/** Where a brush is drawn on an axis `height` pixels tall: its top and bottom, clamped to the axis. */
export function brushToPixels(axis: NumericAxis, brush: Brush, height: number): { top: number; bottom: number } {
  const low = axisPosition(axis, brush.from);
  const high = axisPosition(axis, brush.to);
  // On a log axis a bound ≤ 0 has no place: it reaches the axis's end.
  const bottom = (1 - clamp01(low ?? 0)) * height;
  const top = (1 - clamp01(high ?? 1)) * height;
  return { top, bottom };
}

/** The brushes with the one on `axis` replaced by `brush`, or removed when `brush` is null. */
export function withBrush(brushes: readonly Brush[], axis: AxisId, brush: Brush | null): Brush[] {
  const others = brushes.filter((b) => b.axis !== axis);
  return brush ? [...others, brush] : others;
}

/** A brush moved by `delta` of the axis height (keyboard nudging), kept inside the axis. */
export function shiftBrush(axis: NumericAxis, brush: Brush, delta: number): Brush {
  const low = clamp01(axisPosition(axis, brush.from) ?? 0);
  const high = clamp01(axisPosition(axis, brush.to) ?? 1);
  const shift = delta > 0 ? Math.min(delta, 1 - high) : Math.max(delta, -low);
  return {
    axis: brush.axis,
    from: round(valueAtPosition(axis, low + shift)),
    to: round(valueAtPosition(axis, high + shift)),
  };
}

export type Pick = CompareView["picks"][number];
type CategoricalAxis = Extract<ChartAxis, { kind: "categorical" }>;

/**
 * The categories a vertical drag covers on a text axis `height` pixels tall (in the axis's order); a
 * category within `reach` pixels of the dragged span counts, so a drag starting on its mark takes it.
 */
export function picksFromPixels(axis: CategoricalAxis, y0: number, y1: number, height: number, reach = 8): Pick {
  const low = 1 - (Math.max(y0, y1) + reach) / height;
  const high = 1 - (Math.min(y0, y1) - reach) / height;
  const values = axis.categories.filter((category) => {
    const t = axisPosition(axis, category)!;
    return t >= low && t <= high;
  });
  return { axis: axis.id, values };
}

/** The picks with the one on `axis` replaced by `pick`, or removed when `pick` is null or picks nothing. */
export function withPick(picks: readonly Pick[], axis: AxisId, pick: Pick | null): Pick[] {
  const others = picks.filter((p) => p.axis !== axis);
  return pick && pick.values.length > 0 ? [...others, pick] : others;
}
