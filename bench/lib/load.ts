/**
 * A closed-loop HTTP load generator: `concurrency` keep-alive connections, each sending its next
 * request as soon as the last answer is read, `total` requests in all. Latencies are timed per
 * request with performance.now(), so percentiles have sub-millisecond resolution.
 */
import { Pool, type Dispatcher } from "undici";

export interface LoadOptions {
  origin: string;
  total: number;
  concurrency: number;
  /** The i-th request (0-based). */
  request: (i: number) => {
    method: Dispatcher.HttpMethod;
    path: string;
    body?: string;
    headers?: Record<string, string>;
  };
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** status -> count, for the failed ones */
  errorStatuses: Record<number, number>;
  p50Ms: number;
  p99Ms: number;
  throughputRps: number;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(options.origin, { connections: options.concurrency, pipelining: 1 });
  const latencies = new Float64Array(options.total);
  let next = 0;
  let errors = 0;
  const errorStatuses: Record<number, number> = {};
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let i = next++; i < options.total; i = next++) {
        const spec = options.request(i);
        const t0 = performance.now();
        const res = await pool.request({ ...spec, headers: { "content-type": "application/json", ...spec.headers } });
        await res.body.dump();
        latencies[i] = performance.now() - t0;
        if (res.statusCode !== 200) {
          errors++;
          errorStatuses[res.statusCode] = (errorStatuses[res.statusCode] ?? 0) + 1;
        }
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort();
  return {
    requests: options.total,
    errors,
    errorStatuses,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    throughputRps: options.total / elapsedS,
  };
}
