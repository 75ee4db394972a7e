import type { RunCell } from "./columns";

/** Summary of a metric column over a group's runs: finite values only; NaN and missing are counted apart. */
export interface GroupStats {
  /** Runs with a finite value. */
  count: number;
  mean: number;
  /** Sample standard deviation (n − 1); 0 for a single value. */
  std: number;
  min: number;
  max: number;
  /** Runs whose value is NaN or ±Infinity, or that did not log the metric. */
  skipped: number;
}

/** Mean, standard deviation and range of a group's values (Welford's update, stable for large groups). */
export function groupStats(cells: readonly RunCell[]): GroupStats | null {
  let count = 0;
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const cell of cells) {
    if (typeof cell !== "number" || !Number.isFinite(cell)) continue;
    count++;
    const delta = cell - mean;
    mean += delta / count;
    m2 += delta * (cell - mean);
    if (cell < min) min = cell;
    if (cell > max) max = cell;
  }
  if (count === 0) return null;
  return { count, mean, std: count > 1 ? Math.sqrt(m2 / (count - 1)) : 0, min, max, skipped: cells.length - count };
}
