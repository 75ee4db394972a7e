/**
 * Test-invoke statistics of one deployment: counts since this UI process started, latency
 * percentiles over the most recent calls only (a bounded window, so memory stays flat).
 */

export interface InvokeSample {
  latencyMs: number;
  /** A status of 400 or more, or no answer at all. */
  error: boolean;
}

export interface InvokeStatsSnapshot {
  count: number;
  errors: number;
  /** null before the first call. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** How many recent calls the percentiles cover. */
  windowSize: number;
  windowCapacity: number;
  lastAt: number | null;
}

export const INVOKE_STATS_WINDOW = 1000;

/** Nearest-rank percentile (`p` in 0..100) of an ascending array; null when empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export class InvokeStatsWindow {
  private readonly latencies: number[] = [];
  private next = 0;
  private count = 0;
  private errors = 0;
  private lastAt: number | null = null;

  constructor(private readonly capacity: number = INVOKE_STATS_WINDOW) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error("capacity must be a positive integer");
  }

  record(sample: InvokeSample, at: number = Date.now()): void {
    this.count += 1;
    if (sample.error) this.errors += 1;
    this.lastAt = at;
    if (this.latencies.length < this.capacity) this.latencies.push(sample.latencyMs);
    else this.latencies[this.next] = sample.latencyMs;
    this.next = (this.next + 1) % this.capacity;
  }

  snapshot(): InvokeStatsSnapshot {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      count: this.count,
      errors: this.errors,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      windowSize: sorted.length,
      windowCapacity: this.capacity,
      lastAt: this.lastAt,
    };
  }
}

export const emptyInvokeStats = (capacity: number = INVOKE_STATS_WINDOW): InvokeStatsSnapshot =>
  new InvokeStatsWindow(capacity).snapshot();
