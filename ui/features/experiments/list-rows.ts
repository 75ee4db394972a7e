import type { ExperimentListPage, ExperimentSummary } from "./schemas";

/**
 * The loaded pages as one list. MLflow's page token is an offset, so an experiment created, renamed or
 * deleted between two pages can shift a row across the boundary: the first sighting is kept.
 */
export function experimentRows(pages: readonly ExperimentListPage[] | undefined): ExperimentSummary[] {
  const seen = new Set<string>();
  const rows: ExperimentSummary[] = [];
  for (const page of pages ?? [])
    for (const experiment of page.items) {
      if (seen.has(experiment.experimentId)) continue;
      seen.add(experiment.experimentId);
      rows.push(experiment);
    }
  return rows;
}
