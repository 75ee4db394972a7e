/**
 * Tag and metric names that MLflow defines and MLTrack reads or writes, from the one spec file
 * (`../spec/tags.json`) that the UI, this SDK and the Python binding all read; `mlflow.*` is MLflow's,
 * `mltrack.*` is ours.
 */
import spec from "../spec/tags.json";

export const MLFLOW_TAGS = spec.mlflowTags;

/** Metric keys under this prefix are system metrics (CPU, memory, GPU) and get their own section. */
export const SYSTEM_METRIC_PREFIX = spec.systemMetricPrefix;

export type SourceType = "LOCAL" | "NOTEBOOK" | "JOB" | "PROJECT" | "UNKNOWN";

/**
 * MLTrack's own tags (`mltrack.*`): `category` is `ml` or `llm` on every run `track()` creates (the
 * UI's LLM totals read it); `gitDirty` is `true` when the git working tree had uncommitted changes;
 * experiment tags under `viewPrefix` hold saved runs views, one per name (`mltrack.view.<name>`);
 * registered-model tags under `deploymentPrefix` hold the deploy engine's records, one per deployment.
 * On runs `track()` creates: `error` holds a failed run's error and stack (cut to MLflow's tag limit,
 * saying so); `host`, `os` and `runtime` the machine and language runtime (`node 20.19.0`,
 * `python 3.12.4`); `clientRunId` the id the client chose before MLflow assigned one, so a retried
 * `runs/create` finds the run it may already have made instead of making a second, and a run started
 * while MLflow was unreachable is found (or created once) when the pipeline finally delivers it.
 */
export const MLTRACK_TAGS = spec.mltrackTags;

/** Artifacts `track()` writes into a run: arguments and return values that are not params or metrics, and a failure's full error. */
export const MLTRACK_ARTIFACTS = spec.mltrackArtifacts;

/** Metrics every tracked run logs: `durationSeconds`, wall time from start to end. */
export const MLTRACK_METRICS = spec.mltrackMetrics;

export type RunCategory = "ml" | "llm";

/** Tags of an LLM run: which provider and model answered. */
export const LLM_TAGS = spec.llmTags;

/** Metrics of an LLM run: token usage and its cost in US dollars. */
export const LLM_METRICS = spec.llmMetrics;
