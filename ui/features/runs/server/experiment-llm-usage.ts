import "server-only";
import { collect, LLM_METRICS, MLTRACK_TAGS, type MlflowClient, type Run } from "mltrack-sdk/mlflow";
import { addLlmTotals, sumLlmHistories } from "../run-detail-llm";
import type { ExperimentLlmUsage } from "../run-detail-schemas";
import { mapLimit } from "./map-limit";
import { readHistories } from "./run-llm-usage";

/** LLM runs summed per experiment, newest first; their histories are read once and cached when finished. */
export const LLM_RUN_LIMIT = 2_000;

/**
 * The searches that find an experiment's LLM runs: MLflow has no OR and no "has metric", so one search
 * for the category tag and one per LLM metric (a comparison every finite value passes). An untagged
 * run whose latest LLM metric value is NaN is the one case these miss; runs `track()` logs are tagged.
 */
export function llmRunFilters(): string[] {
  return [
    `tags.\`${MLTRACK_TAGS.category}\` = 'llm'`,
    ...Object.values(LLM_METRICS).map((key) => `metrics.\`${key}\` > -1e308`),
  ];
}

/** Token and cost totals over every LLM run of an experiment (the newest `LLM_RUN_LIMIT`). */
export async function experimentLlmUsage(mlflow: MlflowClient, experimentId: string): Promise<ExperimentLlmUsage> {
  const found = await mapLimit(llmRunFilters(), 2, (filter) =>
    collect(mlflow.runs.searchAll({ experimentIds: [experimentId], filter, maxResults: 1000 }), LLM_RUN_LIMIT + 1),
  );
  const byId = new Map<string, Run>();
  for (const run of found.flat()) byId.set(run.info.runId, run);
  const runs = [...byId.values()].sort((a, b) => (b.info.startTime ?? 0) - (a.info.startTime ?? 0));
  const summed = runs.slice(0, LLM_RUN_LIMIT);
  const histories = await readHistories(mlflow, summed);
  return {
    runCount: summed.length,
    truncated: runs.length > LLM_RUN_LIMIT,
    totals: addLlmTotals(...histories.map(sumLlmHistories)),
  };
}
