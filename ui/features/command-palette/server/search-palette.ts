import "server-only";
import { collect, MLFLOW_TAGS, type MlflowClient } from "mltrack-sdk/mlflow";
import { PaletteQuery, type PaletteResults } from "../schemas";

const PER_KIND = 8;
/** Runs are searched by name in the most recently updated experiments, this many per MLflow search. */
const EXPERIMENTS_PER_RUN_SEARCH = 100;
const RUN_SEARCH_EXPERIMENTS = 500;
const RUN_ID = /^[0-9a-f]{32}$/i;

/**
 * `'%text%'` for MLflow's ILIKE. MLflow's filter grammar cannot escape quotes, so quotes, backslashes
 * and backticks are dropped from what the user typed (a name search loses nothing useful by it).
 */
export function ilikePattern(text: string): string {
  return `'%${text.replace(/['"`\\]/g, "")}%'`;
}

/** Experiments, runs and registered models whose names contain `q` (case-insensitive); a run id jumps to its run. */
export async function searchPalette(mlflow: MlflowClient, input: PaletteQuery): Promise<PaletteResults> {
  const q = PaletteQuery.parse(input).q.trim();
  const pattern = ilikePattern(q);
  const experimentsPage = mlflow.experiments.search({
    viewType: "ACTIVE_ONLY",
    maxResults: PER_KIND,
    orderBy: ["last_update_time DESC"],
    ...(q ? { filter: `name ILIKE ${pattern}` } : {}),
  });
  const models = q
    ? mlflow.registeredModels.search({ filter: `name ILIKE ${pattern}`, maxResults: PER_KIND, orderBy: ["name ASC"] })
    : Promise.resolve({ items: [] });
  const [experiments, runs, modelPage] = await Promise.all([experimentsPage, q ? searchRuns(mlflow, q) : [], models]);
  return {
    experiments: experiments.items.map((e) => ({ experimentId: e.experimentId, name: e.name })),
    runs,
    models: modelPage.items
      .filter((m) => m.tags[MLFLOW_TAGS.isPrompt] !== "true")
      .map((m) => ({
        name: m.name,
        latestVersion: m.latestVersions.reduce<string | null>(
          (latest, v) => (latest === null || Number(v.version) > Number(latest) ? v.version : latest),
          null,
        ),
      })),
  };
}

async function searchRuns(mlflow: MlflowClient, q: string): Promise<PaletteResults["runs"]> {
  const experiments = await collect(
    mlflow.experiments.searchAll({ viewType: "ACTIVE_ONLY", maxResults: 1000, orderBy: ["last_update_time DESC"] }),
    RUN_SEARCH_EXPERIMENTS,
  );
  const names = new Map(experiments.map((e) => [e.experimentId, e.name]));
  const found: PaletteResults["runs"] = [];
  if (RUN_ID.test(q)) {
    const run = await mlflow.runs.get({ runId: q.toLowerCase() }).catch(() => null);
    if (run) {
      const experimentName: string =
        names.get(run.info.experimentId) ??
        (await mlflow.experiments.get({ experimentId: run.info.experimentId })).name ??
        run.info.experimentId;
      found.push({
        runId: run.info.runId,
        runName: run.info.runName,
        experimentId: run.info.experimentId,
        experimentName,
      });
    }
  }
  const ids = [...names.keys()];
  for (let at = 0; at < ids.length && found.length < PER_KIND; at += EXPERIMENTS_PER_RUN_SEARCH) {
    const page = await mlflow.runs.search({
      experimentIds: ids.slice(at, at + EXPERIMENTS_PER_RUN_SEARCH),
      filter: `attributes.run_name ILIKE ${ilikePattern(q)}`,
      maxResults: PER_KIND - found.length,
    });
    for (const run of page.items) {
      if (found.some((r) => r.runId === run.info.runId)) continue;
      found.push({
        runId: run.info.runId,
        runName: run.info.runName,
        experimentId: run.info.experimentId,
        experimentName: names.get(run.info.experimentId) ?? run.info.experimentId,
      });
    }
  }
  return found;
}
