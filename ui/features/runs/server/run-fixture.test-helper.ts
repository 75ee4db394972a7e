import type { Run, RunStatus } from "mltrack-sdk/mlflow";

/** A run as the SDK returns it, for unit tests of code that reads runs. */
export function fixtureRun(fields: {
  runId: string;
  startTime?: number | null;
  endTime?: number | null;
  status?: RunStatus;
  metrics?: Record<string, number>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
}): Run {
  return {
    info: {
      runId: fields.runId,
      runName: fields.runId,
      experimentId: "1",
      userId: "ada",
      status: fields.status ?? "FINISHED",
      startTime: fields.startTime ?? null,
      endTime: fields.endTime ?? null,
      artifactUri: `mlflow-artifacts:/1/${fields.runId}/artifacts`,
      lifecycleStage: "active",
    },
    data: {
      metrics: Object.fromEntries(
        Object.entries(fields.metrics ?? {}).map(([key, value]) => [key, { key, value, step: 0, timestamp: 0 }]),
      ),
      params: fields.params ?? {},
      tags: fields.tags ?? {},
    },
    inputs: { datasets: [], modelIds: [] },
    outputs: { models: [] },
  };
}
