import "server-only";
import { MLTRACK_TAGS, type MlflowClient } from "mltrack-sdk/mlflow";
import { z } from "zod";
import { SaveViewBody, type SavedView, type SavedViewList } from "../saved-views";
import { parseRunsView, runsViewSearchParams } from "../search-params";

/** What an `mltrack.view.<name>` experiment tag holds. */
const StoredView = z.object({
  search: z.string(),
  savedAt: z.number().optional(),
  savedBy: z.string().optional(),
});

/** A view's query in canonical form: only what parses as a runs view is kept, in a fixed order. */
export function canonicalSearch(search: string): string {
  return runsViewSearchParams(parseRunsView(new URLSearchParams(search))).toString();
}

/** The experiment's saved runs views, by name. A tag that does not hold a view is left out. */
export async function listSavedViews(mlflow: MlflowClient, experimentId: string): Promise<SavedViewList> {
  const experiment = await mlflow.experiments.get({ experimentId });
  const views: SavedView[] = [];
  for (const [key, value] of Object.entries(experiment.tags)) {
    if (!key.startsWith(MLTRACK_TAGS.viewPrefix)) continue;
    let parsed: z.infer<typeof StoredView>;
    try {
      const result = StoredView.safeParse(JSON.parse(value));
      if (!result.success) continue;
      parsed = result.data;
    } catch {
      continue;
    }
    views.push({
      name: key.slice(MLTRACK_TAGS.viewPrefix.length),
      search: canonicalSearch(parsed.search),
      savedAt: parsed.savedAt ?? null,
      savedBy: parsed.savedBy ?? null,
    });
  }
  views.sort((a, b) => a.name.localeCompare(b.name));
  return { views };
}

/** Saves (or replaces) a named view in the experiment's tags, where every teammate sees it. */
export async function saveView(
  mlflow: MlflowClient,
  experimentId: string,
  input: SaveViewBody,
  savedBy: string,
): Promise<SavedView> {
  const { name, search } = SaveViewBody.parse(input);
  const view: SavedView = { name, search: canonicalSearch(search), savedAt: Date.now(), savedBy };
  const stored: z.infer<typeof StoredView> = { search: view.search, savedAt: view.savedAt ?? 0, savedBy };
  await mlflow.experiments.setTag({
    experimentId,
    key: `${MLTRACK_TAGS.viewPrefix}${name}`,
    value: JSON.stringify(stored),
  });
  return view;
}

export async function deleteView(mlflow: MlflowClient, experimentId: string, name: string): Promise<void> {
  await mlflow.experiments.deleteTag({ experimentId, key: `${MLTRACK_TAGS.viewPrefix}${name}` });
}
