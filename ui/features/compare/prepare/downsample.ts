import { DEFAULT_GAP_FACTOR, gapThreshold } from "./gaps";
import type { SeriesPoint } from "./series-points";

/** A point to draw. `y: null` breaks the line: a gap in the steps, or a NaN/±Infinity value. */
export interface ChartPoint {
  x: number;
  y: number | null;
  step: number;
  /** Wall time of the logged point (epoch ms); a gap's null carries the time of the point before it. */
  timestamp: number;
}

export type MarkerKind = "nan" | "+inf" | "-inf";

/** A non-finite value, drawn as a marker instead of a number. */
export interface SeriesMarker {
  x: number;
  kind: MarkerKind;
  step: number;
  timestamp: number;
  /** Values of this kind the marker stands for: 1, or more when they are too many and are grouped per bucket. */
  count: number;
}

export interface DownsampleOptions {
  /** Equal-width x buckets, usually about one per pixel (≤ 1000). */
  buckets: number;
  /** Inclusive x window (a zoom); buckets then span the window, so it is drawn at full resolution. */
  range?: { from: number; to: number };
  /** See `gapThreshold`; defaults to 10, `Infinity` turns gap detection off. */
  gapFactor?: number;
}

export interface DownsampledSeries {
  /** In x order; at most 4 × buckets numeric points, plus at most one null between two of them. */
  points: ChartPoint[];
  markers: SeriesMarker[];
  /** Points inside the range (all of them without one), non-finite values included. */
  totalPoints: number;
  /** Whether M4 aggregation dropped points (the input had more than 4 × buckets). */
  sampled: boolean;
  xMin: number | undefined;
  xMax: number | undefined;
  /** Over finite values only; undefined when there are none. */
  yMin: number | undefined;
  yMax: number | undefined;
}

/**
 * Reduces a metric series to what a chart `buckets` wide can show, keeping every spike: M4 aggregation
 * keeps the first, last, minimum and maximum finite point of each bucket, so no local extreme is lost.
 * NaN and ±Infinity become `markers` and break the line; so does a gap (see `gapThreshold`, measured on
 * the whole series so a zoom shows the same gaps). Points with a non-finite x cannot be placed and are
 * left out. One sort, then linear passes.
 */
export function downsampleSeries(points: readonly SeriesPoint[], options: DownsampleOptions): DownsampledSeries {
  const { buckets, range, gapFactor = DEFAULT_GAP_FACTOR } = options;
  if (!Number.isInteger(buckets) || buckets < 1) throw new RangeError(`buckets must be a positive integer: ${buckets}`);

  const sorted = sortByX(points);
  const gap = gapThreshold(sorted, gapFactor);
  const from = range ? Math.min(range.from, range.to) : -Infinity;
  const to = range ? Math.max(range.from, range.to) : Infinity;
  const lo = firstIndexAbove(sorted, from, false);
  const hi = firstIndexAbove(sorted, to, true);
  const budget = 4 * buckets;
  const total = Math.max(0, hi - lo);
  const sampled = total > budget;

  let nonFinite = 0;
  for (let i = lo; i < hi; i++) if (!Number.isFinite(sorted[i]!.y)) nonFinite++;

  const start = range ? from : (sorted[lo]?.x ?? 0);
  const width = ((range ? to : (sorted[hi - 1]?.x ?? 0)) - start) / buckets;
  const bucketOf = (x: number) => (width > 0 ? Math.min(buckets - 1, Math.floor((x - start) / width)) : 0);

  const line = createLine(sorted);
  const markers = createMarkers(nonFinite > budget ? bucketOf : null);
  let yMin: number | undefined;
  let yMax: number | undefined;
  // The M4 candidates of the current bucket, as indices into `sorted`.
  let bucket = -1;
  let first = -1;
  let last = -1;
  let min = -1;
  let max = -1;

  for (let i = lo; i < hi; i++) {
    const point = sorted[i]!;
    if (i > lo && point.x - sorted[i - 1]!.x > gap) line.breakAt(i);
    if (!Number.isFinite(point.y)) {
      line.breakAt(i);
      markers.add(point);
      continue;
    }
    if (yMin === undefined || point.y < yMin) yMin = point.y;
    if (yMax === undefined || point.y > yMax) yMax = point.y;
    if (!sampled) {
      line.draw(i);
      continue;
    }
    const b = bucketOf(point.x);
    if (b !== bucket) {
      if (bucket !== -1) line.drawInOrder(first, min, max, last);
      bucket = b;
      first = min = max = i;
    }
    last = i;
    if (point.y < sorted[min]!.y) min = i;
    if (point.y > sorted[max]!.y) max = i;
  }
  if (bucket !== -1) line.drawInOrder(first, min, max, last);

  return {
    points: line.points,
    markers: markers.list,
    totalPoints: total,
    sampled,
    xMin: total > 0 ? sorted[lo]?.x : undefined,
    xMax: total > 0 ? sorted[hi - 1]?.x : undefined,
    yMin,
    yMax,
  };
}

/** Stable sort by x (equal x keep their input order); skips the sort when the input is already in order. */
function sortByX(points: readonly SeriesPoint[]): readonly SeriesPoint[] {
  const placed = points.every((p) => Number.isFinite(p.x)) ? points : points.filter((p) => Number.isFinite(p.x));
  for (let i = 1; i < placed.length; i++) {
    if (placed[i]!.x < placed[i - 1]!.x) return [...placed].sort((a, b) => a.x - b.x);
  }
  return placed;
}

/** Binary search: the first index whose x is > bound (`strict`) or ≥ bound. */
function firstIndexAbove(sorted: readonly SeriesPoint[], bound: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid]!.x;
    if (strict ? x <= bound : x < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Builds the drawn points. Breaks (a non-finite value at i, or a gap just before i) are queued by index;
 * drawing a point first emits one null for any break since the previous drawn point.
 */
function createLine(sorted: readonly SeriesPoint[]) {
  const points: ChartPoint[] = [];
  const breaks: number[] = [];
  let nextBreak = 0;
  let previous = -1;

  const draw = (i: number) => {
    let pending = -1;
    while (nextBreak < breaks.length && breaks[nextBreak]! <= i) {
      if (pending === -1) pending = breaks[nextBreak]!;
      nextBreak++;
    }
    if (pending !== -1 && previous !== -1) points.push(breakPoint(sorted, pending));
    const { x, y, step, timestamp } = sorted[i]!;
    points.push({ x, y, step, timestamp });
    previous = i;
  };

  return {
    points,
    breakAt: (i: number) => {
      if (breaks[breaks.length - 1] !== i) breaks.push(i);
    },
    draw,
    /** Draws up to four indices of one bucket in x order, each once. */
    drawInOrder: (...indices: number[]) => {
      indices.sort((a, b) => a - b);
      for (let k = 0; k < indices.length; k++) if (k === 0 || indices[k] !== indices[k - 1]) draw(indices[k]!);
    },
  };
}

/** The null that breaks the line: at a non-finite value's x, or midway across a gap. */
function breakPoint(sorted: readonly SeriesPoint[], i: number): ChartPoint {
  const point = sorted[i]!;
  const before = sorted[i - 1];
  if (!Number.isFinite(point.y) || !before)
    return { x: point.x, y: null, step: point.step, timestamp: point.timestamp };
  return { x: (before.x + point.x) / 2, y: null, step: before.step, timestamp: before.timestamp };
}

/** Collects markers: all of them, or with `bucketOf` one per bucket and kind, counting the rest. */
function createMarkers(bucketOf: ((x: number) => number) | null) {
  const list: SeriesMarker[] = [];
  let bucket = -1;
  let open: Partial<Record<MarkerKind, SeriesMarker>> = {};
  return {
    list,
    add: ({ x, y, step, timestamp }: SeriesPoint) => {
      const kind: MarkerKind = Number.isNaN(y) ? "nan" : y > 0 ? "+inf" : "-inf";
      if (!bucketOf) {
        list.push({ x, kind, step, timestamp, count: 1 });
        return;
      }
      const b = bucketOf(x);
      if (b !== bucket) {
        bucket = b;
        open = {};
      }
      const marker = open[kind];
      if (marker) marker.count++;
      else list.push((open[kind] = { x, kind, step, timestamp, count: 1 }));
    },
  };
}
