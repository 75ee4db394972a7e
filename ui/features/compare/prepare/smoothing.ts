/**
 * Exponential moving average as TensorBoard and W&B draw it, debiased so the first smoothed value is the
 * first raw value instead of being pulled towards 0: `last = last·w + (1−w)·y`, drawn as `last / (1 − wⁿ)`
 * after n values. `weight` is in [0, 1), 0 turns smoothing off. A null (a break in the line) restarts the
 * average; non-finite values are left as they are and do not feed it. Returns new points, index-aligned.
 */
export function emaSmooth<P extends { y: number | null }>(points: readonly P[], weight: number): P[] {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`smoothing weight must be in [0, 1): ${weight}`);
  if (weight === 0) return points.slice();
  const smoothed: P[] = [];
  let last = 0;
  let decay = 1; // weightⁿ for the n values since the last restart
  for (const point of points) {
    const { y } = point;
    if (y === null) {
      last = 0;
      decay = 1;
      smoothed.push(point);
    } else if (!Number.isFinite(y)) {
      smoothed.push(point);
    } else {
      last = last * weight + (1 - weight) * y;
      decay *= weight;
      smoothed.push({ ...point, y: last / (1 - decay) });
    }
  }
  return smoothed;
}

/**
 * Smooths a full-resolution series in x order (the order the line is drawn in), before any
 * downsampling, so the smoothed line drawn from its buckets is exact. Returns new points sorted by x.
 */
export function smoothSeries<P extends { x: number; y: number }>(points: readonly P[], weight: number): P[] {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  return emaSmooth(sorted, weight) as P[];
}
