/** A logged point more than this many typical spacings from its neighbour starts a new segment. */
export const DEFAULT_GAP_FACTOR = 10;

/**
 * The x-distance above which two consecutive points (sorted by x) are a gap: `gapFactor` × the median
 * positive x-distance between consecutive points. Repeated x values are ignored so that a step logged
 * twice does not make the median 0. Fewer than two distinct x values, or `gapFactor: Infinity`, give
 * Infinity (no gaps). Median rather than mean, so a few long pauses cannot hide each other.
 */
export function gapThreshold(sorted: readonly { x: number }[], gapFactor: number = DEFAULT_GAP_FACTOR): number {
  if (!(gapFactor > 0)) throw new RangeError(`gapFactor must be > 0 (Infinity turns gaps off), got ${gapFactor}`);
  if (gapFactor === Infinity || sorted.length < 2) return Infinity;
  const distances = new Float64Array(sorted.length - 1);
  let count = 0;
  for (let i = 1; i < sorted.length; i++) {
    const distance = sorted[i]!.x - sorted[i - 1]!.x;
    if (distance > 0) distances[count++] = distance;
  }
  if (count === 0) return Infinity;
  return nthSmallest(distances.subarray(0, count), (count - 1) >> 1) * gapFactor;
}

/**
 * The k-th smallest value (0-based) by quickselect, reordering `values` in place: linear on average,
 * where a sort of a 100,000-point series' distances was most of the cost of reducing it.
 */
function nthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    // Median of three as the pivot, so sorted and constant inputs stay linear.
    const mid = (lo + hi) >>> 1;
    const [a, b, c] = [values[lo]!, values[mid]!, values[hi]!];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}
