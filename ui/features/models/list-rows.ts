import type { RegisteredModelListPage, RegisteredModelSummary } from "./schemas";

/**
 * The loaded pages as one list. MLflow's page token is an offset, so a model registered or deleted
 * between two pages can shift a row across the boundary: the first sighting is kept.
 */
export function modelRows(pages: readonly RegisteredModelListPage[] | undefined): RegisteredModelSummary[] {
  const seen = new Set<string>();
  const rows: RegisteredModelSummary[] = [];
  for (const page of pages ?? [])
    for (const model of page.items) {
      if (seen.has(model.name)) continue;
      seen.add(model.name);
      rows.push(model);
    }
  return rows;
}
