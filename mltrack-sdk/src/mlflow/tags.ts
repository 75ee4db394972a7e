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

/** MLTrack's own tags (`mltrack.*`). */
export const MLTRACK_TAGS = {
  /** `ml` or `llm` on every run `track()` creates; the UI's LLM totals read it. */
  category: "mltrack.category",
  /** `true` when the run's git working tree had uncommitted changes. */
  gitDirty: "mltrack.git.dirty",
  /** Experiment tags under this prefix hold saved runs views, one per name (`mltrack.view.<name>`). */
  viewPrefix: "mltrack.view.",
} as const;

export type RunCategory = "ml" | "llm";

/** Tags of an LLM run: which provider and model answered. */
export const LLM_TAGS = {
  provider: "llm.provider",
  model: "llm.model",
} as const;

/** Metrics of an LLM run: token usage and its cost in US dollars. */
export const LLM_METRICS = {
  promptTokens: "llm.tokens.prompt_tokens",
  completionTokens: "llm.tokens.completion_tokens",
  totalTokens: "llm.tokens.total_tokens",
  costUsd: "llm.cost_usd",
} as const;
