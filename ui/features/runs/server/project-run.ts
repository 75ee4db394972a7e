import "server-only";
import { MLFLOW_TAGS, type Run } from "mltrack-sdk/mlflow";
import type { RunAttribute, RunCell, RunColumn } from "../columns";
import type { RunRow } from "../schemas";

/** A metric's min and max over its whole history, keyed by metric key (see metric-extremes.ts). */
export type MetricExtremes = ReadonlyMap<string, { min: number; max: number }>;

/** JSON has no NaN or Infinity: such values travel as `{ nonFinite }`. */
export function metricCell(value: number | undefined): RunCell {
  if (value === undefined) return null;
  if (Number.isFinite(value)) return value;
  return { nonFinite: Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity" };
}

function attributeCell(run: Run, key: RunAttribute): RunCell {
  const { info, data } = run;
  switch (key) {
    case "runName":
      return info.runName;
    case "status":
      return info.status;
    case "startTime":
      return info.startTime;
    case "endTime":
      return info.endTime;
    case "duration":
      // A running run's duration changes every second; the browser derives it from the start time.
      return info.startTime !== null && info.endTime !== null ? info.endTime - info.startTime : null;
    case "userId":
      return info.userId || (data.tags[MLFLOW_TAGS.user] ?? null);
    case "source":
      return data.tags[MLFLOW_TAGS.sourceName] ?? null;
    case "gitCommit":
      return data.tags[MLFLOW_TAGS.gitCommit] ?? null;
    case "parentRunId":
      return data.tags[MLFLOW_TAGS.parentRunId] ?? null;
    case "experimentId":
      return info.experimentId;
    case "lifecycleStage":
      return info.lifecycleStage;
  }
}

/** Projects a run down to the view's columns: nothing else of the run reaches the browser. */
export function projectRun(run: Run, columns: readonly RunColumn[], extremes?: MetricExtremes): RunRow {
  const cells = columns.map((column): RunCell => {
    switch (column.type) {
      case "attribute":
        return attributeCell(run, column.key);
      case "param":
        return run.data.params[column.key] ?? null;
      case "tag":
        return run.data.tags[column.key] ?? null;
      case "metric": {
        const last = run.data.metrics[column.key]?.value;
        if (column.aggregate === "last" || last === undefined) return metricCell(last);
        const range = extremes?.get(column.key);
        return metricCell(range ? range[column.aggregate] : undefined);
      }
    }
  });
  return {
    runId: run.info.runId,
    experimentId: run.info.experimentId,
    status: run.info.status,
    startTime: run.info.startTime,
    parentRunId: run.data.tags[MLFLOW_TAGS.parentRunId] ?? null,
    cells,
  };
}
