import type { CompareRun } from "../schemas";

/** A compared run with the given params and latest metric values. */
export function compareRun(
  runId: string,
  params: Record<string, string> = {},
  metrics: Record<string, number> = {},
): CompareRun {
  return {
    runId,
    runName: `run ${runId}`,
    experimentId: "1",
    experimentName: "exp",
    status: "FINISHED",
    startTime: 0,
    endTime: 1,
    params,
    metrics: Object.fromEntries(
      Object.entries(metrics).map(([key, value]) => [
        key,
        {
          value: Number.isNaN(value)
            ? { nonFinite: "NaN" as const }
            : value === Infinity
              ? { nonFinite: "Infinity" as const }
              : value,
          step: 0,
          timestamp: 0,
        },
      ]),
    ),
    tags: {},
  };
}
