/** Addresses on a run's page, built from checked parts only. */
import { MLFLOW_TAGS, SYSTEM_METRIC_PREFIX } from "mltrack-sdk/tags";

export function runHref(experimentId: string, runId: string): string {
  return `/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`;
}

/** The experiment's runs table filtered to a run's children, for sweeps too large to list here. */
export function childRunsHref(experimentId: string, runId: string): string {
  // Run ids are [\w-]: MLflow's filter grammar cannot escape a quote, so refuse anything else.
  if (!/^[\w-]+$/.test(runId)) throw new Error(`Not a run id: ${runId}`);
  const filter = `tags.\`${MLFLOW_TAGS.parentRunId}\` = '${runId}'`;
  return `/experiments/${encodeURIComponent(experimentId)}?q=${encodeURIComponent(filter)}`;
}

/** The metrics tab holding a metric: `system/` keys have their own. */
export function metricTabOf(key: string): "metrics" | "system" {
  return key.startsWith(SYSTEM_METRIC_PREFIX) ? "system" : "metrics";
}

/** A commit as MLflow's UI shows it: the first 8 characters (the full SHA goes in a tooltip). */
export function shortCommit(commit: string): string {
  return /^[0-9a-f]{9,}$/i.test(commit) ? commit.slice(0, 8) : commit;
}
