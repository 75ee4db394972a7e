/** How many charts a comparison shows before any metric is chosen. */
export const DEFAULT_CHART_COUNT = 4;

/** Every metric key any of the runs logged, sorted. */
export function metricKeyUnion(runs: readonly { metrics: Record<string, unknown> }[]): string[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of Object.keys(run.metrics)) keys.add(key);
  return [...keys].sort((a, b) => a.localeCompare(b));
}

/**
 * The charts shown before any is chosen: the first keys (sorted) that every run logged, filled up with
 * the most widely logged others. System metrics (`system/…`) come last.
 */
export function defaultMetricKeys(
  runs: readonly { metrics: Record<string, unknown> }[],
  count = DEFAULT_CHART_COUNT,
): string[] {
  const logged = new Map<string, number>();
  for (const run of runs) for (const key of Object.keys(run.metrics)) logged.set(key, (logged.get(key) ?? 0) + 1);
  const system = (key: string) => (key.startsWith("system/") ? 1 : 0);
  return [...logged]
    .sort(([a, n], [b, m]) => system(a) - system(b) || m - n || a.localeCompare(b))
    .slice(0, count)
    .map(([key]) => key);
}
