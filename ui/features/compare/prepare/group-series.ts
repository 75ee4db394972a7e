import type { MarkerKind, SeriesMarker } from "./downsample";
import type { SeriesPoint } from "./series-points";

/** One x of a group's statistics over its runs' finite values there. */
export interface GroupStatPoint {
  x: number;
  step: number;
  mean: number;
  /** Sample standard deviation (n − 1); 0 where one run has a value. */
  std: number;
  /** Runs with a finite value at this step. */
  count: number;
}

/**
 * Mean, std and count per step over a group's runs (Welford's update). Runs are joined on step: a run
 * missing a step, or with NaN/±Infinity there, simply does not count at that step (never as a zero).
 * A run that logged a step twice counts its last value. x is the step on a step axis; on another axis
 * it is the mean of the runs' x at that step (their times differ). Sorted by x.
 */
export function groupStatistics(runs: readonly (readonly SeriesPoint[])[]): GroupStatPoint[] {
  const byStep = new Map<number, { count: number; mean: number; m2: number; xSum: number; xCount: number }>();
  for (const points of runs) {
    const last = new Map<number, SeriesPoint>();
    for (const point of points) last.set(point.step, point);
    for (const { step, x, y } of last.values()) {
      let stats = byStep.get(step);
      if (!stats) byStep.set(step, (stats = { count: 0, mean: 0, m2: 0, xSum: 0, xCount: 0 }));
      if (!Number.isFinite(y) || !Number.isFinite(x)) continue;
      stats.count++;
      const delta = y - stats.mean;
      stats.mean += delta / stats.count;
      stats.m2 += delta * (y - stats.mean);
      stats.xSum += x;
      stats.xCount++;
    }
  }
  const result: GroupStatPoint[] = [];
  for (const [step, s] of byStep) {
    if (s.count === 0) continue;
    result.push({
      x: s.xSum / s.xCount,
      step,
      mean: s.mean,
      std: s.count > 1 ? Math.sqrt(s.m2 / (s.count - 1)) : 0,
      count: s.count,
    });
  }
  return result.sort((a, b) => a.x - b.x || a.step - b.step);
}

/** A drawn point of a group: its mean line, and the ± std band's envelope around it. */
export interface BandPoint {
  x: number;
  step: number;
  mean: number;
  /** The lowest mean − std of the point's bucket (just its own where nothing was dropped). */
  lo: number;
  /** The highest mean + std of the point's bucket. */
  hi: number;
  count: number;
}

/**
 * Reduces group statistics to `buckets` x buckets as the line downsampler does: each bucket keeps the
 * mean's first, last, min and max points (so the mean line keeps its spikes), and every kept point
 * carries the bucket's whole band envelope (lowest mean − std, highest mean + std), so the band drawn
 * through them covers every dropped point's band. `range` limits to a zoom window. Input sorted by x.
 */
export function downsampleBand(
  stats: readonly GroupStatPoint[],
  { buckets, range }: { buckets: number; range?: { from: number; to: number } | undefined },
): { points: BandPoint[]; sampled: boolean } {
  if (!Number.isInteger(buckets) || buckets < 1) throw new RangeError(`buckets must be a positive integer: ${buckets}`);
  const inside = range ? stats.filter((p) => p.x >= range.from && p.x <= range.to) : stats;
  const own = (p: GroupStatPoint): BandPoint => ({
    x: p.x,
    step: p.step,
    mean: p.mean,
    lo: p.mean - p.std,
    hi: p.mean + p.std,
    count: p.count,
  });
  if (inside.length <= 4 * buckets) return { points: inside.map(own), sampled: false };
  const start = range ? range.from : inside[0]!.x;
  const width = ((range ? range.to : inside.at(-1)!.x) - start) / buckets;
  const bucketOf = (x: number) => (width > 0 ? Math.min(buckets - 1, Math.floor((x - start) / width)) : 0);
  const points: BandPoint[] = [];
  let i = 0;
  while (i < inside.length) {
    const bucket = bucketOf(inside[i]!.x);
    let j = i;
    let min = i;
    let max = i;
    let lo = Infinity;
    let hi = -Infinity;
    for (; j < inside.length && bucketOf(inside[j]!.x) === bucket; j++) {
      const p = inside[j]!;
      if (p.mean < inside[min]!.mean) min = j;
      if (p.mean > inside[max]!.mean) max = j;
      lo = Math.min(lo, p.mean - p.std);
      hi = Math.max(hi, p.mean + p.std);
    }
    for (const k of [...new Set([i, min, max, j - 1])].sort((a, b) => a - b))
      points.push({ ...own(inside[k]!), lo, hi });
    i = j;
  }
  return { points, sampled: true };
}

/**
 * The non-finite values a group's mean leaves out, so they stay visible: one marker per step and kind,
 * counting the runs with NaN, +Infinity or −Infinity there (each run's last value of a step, as in
 * `groupStatistics`). Past 4 × `buckets` markers, one per bucket and kind, counting the rest. Sorted by x.
 */
export function groupMarkers(
  runs: readonly (readonly SeriesPoint[])[],
  { buckets, range }: { buckets: number; range?: { from: number; to: number } | undefined },
): SeriesMarker[] {
  const byStep = new Map<string, SeriesMarker>();
  for (const points of runs) {
    const last = new Map<number, SeriesPoint>();
    for (const point of points) last.set(point.step, point);
    for (const { x, y, step, timestamp } of last.values()) {
      if (Number.isFinite(y) || !Number.isFinite(x)) continue;
      if (range && (x < range.from || x > range.to)) continue;
      const kind: MarkerKind = Number.isNaN(y) ? "nan" : y > 0 ? "+inf" : "-inf";
      const id = `${step}|${kind}`;
      const marker = byStep.get(id);
      if (marker) marker.count++;
      else byStep.set(id, { x, kind, step, timestamp, count: 1 });
    }
  }
  const markers = [...byStep.values()].sort((a, b) => a.x - b.x || a.step - b.step);
  if (markers.length <= 4 * buckets) return markers;
  const start = range ? range.from : markers[0]!.x;
  const width = ((range ? range.to : markers.at(-1)!.x) - start) / buckets;
  const thinned = new Map<string, SeriesMarker>();
  for (const marker of markers) {
    const bucket = width > 0 ? Math.min(buckets - 1, Math.floor((marker.x - start) / width)) : 0;
    const id = `${bucket}|${marker.kind}`;
    const kept = thinned.get(id);
    if (kept) kept.count += marker.count;
    else thinned.set(id, { ...marker });
  }
  return [...thinned.values()].sort((a, b) => a.x - b.x || a.step - b.step);
}
