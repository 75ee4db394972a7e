import "server-only";
import { collect, MLFLOW_TAGS, type MlflowClient } from "mltrack-sdk/mlflow";
import { matchesNameQuery, nameFilter } from "@/lib/name-search";
import { PaletteQuery, type PaletteResults } from "../schemas";

const PER_KIND = 8;
/** Runs are searched by name in the most recently updated experiments, this many per MLflow search. */
const EXPERIMENTS_PER_RUN_SEARCH = 100;
const RUN_SEARCH_EXPERIMENTS = 500;
const RUN_ID = /^[0-9a-f]{32}$/i;

/**
 * Experiments, runs and registered models whose names contain `q` (case-insensitive), a few of each;
 * a run id jumps to its run. With nothing typed, the most recently updated experiments.
 */
export async function searchPalette(mlflow: MlflowClient, input: PaletteQuery): Promise<PaletteResults> {
  const q = PaletteQuery.parse(input).q.trim();
  // MLflow cannot say some characters literally: those searches over-fetch and are narrowed here.
  const literal = <T>(items: T[], name: (item: T) => string) => items.filter((item) => matchesNameQuery(name(item), q));
  const names = nameFilter(q);
  const [experiments, runs, models] = await Promise.all([
    mlflow.experiments.search({
      viewType: "ACTIVE_ONLY",
      maxResults: names.narrow ? 100 : PER_KIND,
      orderBy: ["last_update_time DESC"],
      ...(names.filter ? { filter: names.filter } : {}),
    }),
    q ? searchRuns(mlflow, q) : [],
    names.filter
      ? mlflow.registeredModels.search({
          filter: names.filter,
          maxResults: names.narrow ? 100 : PER_KIND,
          orderBy: ["name ASC"],
        })
      : { items: [] },
  ]);
  return {
    experiments: literal(experiments.items, (e) => e.name)
      .slice(0, PER_KIND)
      .map((e) => ({ experimentId: e.experimentId, name: e.name })),
    runs,
    models: literal(models.items, (m) => m.name)
      .filter((m) => m.tags[MLFLOW_TAGS.isPrompt] !== "true")
      .slice(0, PER_KIND)
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
  const runName = nameFilter(q, "attributes.run_name");
  const ids = [...names.keys()];
  for (let at = 0; at < ids.length && found.length < PER_KIND; at += EXPERIMENTS_PER_RUN_SEARCH) {
    const page = await mlflow.runs.search({
      experimentIds: ids.slice(at, at + EXPERIMENTS_PER_RUN_SEARCH),
      filter: runName.filter as string,
      maxResults: runName.narrow ? 100 : PER_KIND - found.length,
    });
    for (const run of page.items) {
      if (found.length >= PER_KIND) break;
      if (found.some((r) => r.runId === run.info.runId) || !matchesNameQuery(run.info.runName, q)) continue;
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
