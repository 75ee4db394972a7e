/**
 * Tag and metric names that MLflow defines and MLTrack reads or writes. The SDK, the UI and the
 * Python binding use these names and no others; `mlflow.*` is MLflow's, `mltrack.*` is ours.
 */
export const MLFLOW_TAGS = {
  runName: "mlflow.runName",
  user: "mlflow.user",
  sourceName: "mlflow.source.name",
  sourceType: "mlflow.source.type",
  gitCommit: "mlflow.source.git.commit",
  gitBranch: "mlflow.source.git.branch",
  gitRepoUrl: "mlflow.source.git.repoURL",
  parentRunId: "mlflow.parentRunId",
  note: "mlflow.note.content",
  loggedModels: "mlflow.log-model.history",
  isPrompt: "mlflow.prompt.is_prompt",
} as const;

/** Metric keys under this prefix are system metrics (CPU, memory, GPU) and get their own section. */
export const SYSTEM_METRIC_PREFIX = "system/";

export type SourceType = "LOCAL" | "NOTEBOOK" | "JOB" | "PROJECT" | "UNKNOWN";
