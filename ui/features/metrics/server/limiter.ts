import "server-only";

export interface LimitOptions {
  /** Jump the queue (behind other urgent tasks): a chart's first look must not wait behind full reads. */
  urgent?: boolean;
}

export type Limiter = <T>(task: () => Promise<T>, options?: LimitOptions) => Promise<T>;

/** Runs tasks with at most `limit` in flight, the rest queued in arrival order, urgent ones first. */
export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer: ${limit}`);
  let active = 0;
  const urgent: (() => void)[] = [];
  const queue: (() => void)[] = [];
  const release = () => {
    active--;
    (urgent.shift() ?? queue.shift())?.();
  };
  return async (task, options) => {
    if (active >= limit) await new Promise<void>((resolve) => (options?.urgent ? urgent : queue).push(resolve));
    active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
