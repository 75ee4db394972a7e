import "server-only";

/** Prepared variants kept per history: a few chart widths, smoothings and zoom windows. */
const VARIANTS = 4;

/**
 * Downsampled series of finished runs, kept beside the histories they were prepared from. Entries hang
 * off the history reader's cached columns in a WeakMap, so they live exactly as long as that history
 * stays cached: a RUNNING run's history is read afresh on every request (a new object, never found
 * again), and a history re-read because the run logged more is a new object too. Reducing 100,000
 * points costs tens of milliseconds a run; a hundred runs reopened at the same width cost nothing.
 */
export function createPreparedCache<T>() {
  const byHistory = new WeakMap<object, Map<string, { x: object | null; value: T }>>();
  return {
    get(history: object, x: object | null, variant: string): T | undefined {
      const hit = byHistory.get(history)?.get(variant);
      return hit && hit.x === x ? hit.value : undefined;
    },
    set(history: object, x: object | null, variant: string, value: T): void {
      let variants = byHistory.get(history);
      if (!variants) byHistory.set(history, (variants = new Map()));
      variants.delete(variant);
      if (variants.size >= VARIANTS) variants.delete(variants.keys().next().value!);
      variants.set(variant, { x, value });
    },
  };
}
