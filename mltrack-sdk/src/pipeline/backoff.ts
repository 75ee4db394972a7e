/**
 * Retry delays: exponential, capped, with jitter that is a hash of (seed, attempt) rather than a
 * random draw, so a process's schedule is reproducible in tests while processes seeded by their pids
 * do not retry in step.
 */
export function retryDelay(attempt: number, baseMs: number, maxMs: number, seed: number): number {
  const capped = Math.min(baseMs * 2 ** Math.min(attempt, 30), maxMs);
  // "Equal jitter": between half and all of the capped delay.
  return Math.round(capped * (0.5 + 0.5 * unitHash(seed, attempt)));
}

/** A well-mixed value in [0, 1) from two integers (murmur3's finalizer). */
export function unitHash(seed: number, n: number): number {
  let x = (seed ^ Math.imul(n + 1, 0x9e3779b9)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b) >>> 0;
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35) >>> 0;
  x ^= x >>> 16;
  return (x >>> 0) / 2 ** 32;
}
