import "server-only";
import { collect, type MlflowClient, type Run } from "mltrack-sdk/mlflow";
import { AppError } from "@/lib/http/errors";
import { toMlflowOrderBy } from "../columns";
import { compileRunFilter } from "../filter";
import { RunSearchRequest, type RunSearchResult } from "../schemas";
import { mapLimit } from "./map-limit";
import { metricExtremes } from "./metric-extremes";
import { runComparator } from "./order-runs";
import { projectRun } from "./project-run";

const PAGE_SIZE = 10_000;
const CLAUSE_CONCURRENCY = 4;

/**
 * The runs of a view: the filter compiled into one MLflow search per OR-clause, the results merged by
 * run id in MLflow's own order, and each run projected down to the view's columns.
 */
export async function searchRuns(mlflow: MlflowClient, input: RunSearchRequest): Promise<RunSearchResult> {
  const request = RunSearchRequest.parse(input);
  const compiled = compileRunFilter(request.filter);
  if (!compiled.ok) {
    const { message, offset } = compiled.error;
    throw new AppError("INVALID_PARAMETER_VALUE", `Invalid filter at character ${offset + 1}: ${message}`);
  }
  const { clauses } = compiled;
  const orderBy = request.orderBy.map(toMlflowOrderBy);
  // One more than asked, to tell whether the view is truncated.
  const wanted = request.maxResults + 1;
  const perClause = await mapLimit(clauses, CLAUSE_CONCURRENCY, (filter) =>
    collect(
      mlflow.runs.searchAll({
        experimentIds: request.experimentIds,
        runViewType: request.runViewType,
        maxResults: Math.min(PAGE_SIZE, wanted),
        ...(filter ? { filter } : {}),
        ...(orderBy.length ? { orderBy } : {}),
      }),
      wanted,
    ),
  );
  let runs: Run[];
  if (perClause.length === 1) {
    runs = perClause[0] ?? [];
  } else {
    const byId = new Map<string, Run>();
    for (const run of perClause.flat()) byId.set(run.info.runId, run);
    runs = [...byId.values()].sort(runComparator(request.orderBy));
  }
  const truncated = runs.length > request.maxResults;
  if (truncated) runs = runs.slice(0, request.maxResults);

  const rangeKeys = [
    ...new Set(request.columns.flatMap((c) => (c.type === "metric" && c.aggregate !== "last" ? [c.key] : []))),
  ];
  const extremes = rangeKeys.length ? await metricExtremes(mlflow, runs, rangeKeys) : undefined;
  return {
    runs: runs.map((run) => projectRun(run, request.columns, extremes?.get(run.info.runId))),
    truncated,
    searches: clauses.length,
    keys: keysOf(runs),
  };
}

function keysOf(runs: readonly Run[]): RunSearchResult["keys"] {
  const [params, metrics, tags] = [new Set<string>(), new Set<string>(), new Set<string>()];
  for (const { data } of runs) {
    for (const key in data.params) params.add(key);
    for (const key in data.metrics) metrics.add(key);
    for (const key in data.tags) tags.add(key);
  }
  const sorted = (keys: Set<string>) => [...keys].sort();
  return { params: sorted(params), metrics: sorted(metrics), tags: sorted(tags) };
}
