import "server-only";
import type { MlflowClient, Run } from "mltrack-sdk/mlflow";
import type { z } from "zod";
import { AppError } from "@/lib/http/errors";
import { compileRunFilter } from "../filter";
import { RunSearchRequest, type RunCursor, type RunSearchResult } from "../schemas";
import { mapLimit } from "./map-limit";
import { metricExtremes } from "./metric-extremes";
import { projectRun } from "./project-run";

/** MLflow searches in flight for one request (one per OR-clause, two per clause for a live refresh). */
const SEARCH_CONCURRENCY = 4;

type Parsed = z.output<typeof RunSearchRequest>;

/** The filter's OR-clauses, each one MLflow search; a syntax error becomes a 400 naming its position. */
export function compileOrThrow(filter: string): string[] {
  const compiled = compileRunFilter(filter);
  if (!compiled.ok) {
    const { message, offset } = compiled.error;
    throw new AppError("INVALID_PARAMETER_VALUE", `Invalid filter at character ${offset + 1}: ${message}`);
  }
  return compiled.clauses;
}

const and = (clause: string, condition: string) => (clause ? `${clause} AND ${condition}` : condition);
// Run ids are checked against [\w-] by the request schema before they reach a filter.
const idList = (runIds: readonly string[]) => `(${runIds.map((id) => `'${id}'`).join(", ")})`;

/** The keyset condition of a page: at or before the cursor's start time, minus the runs already sent. */
export function afterCursor(cursor: RunCursor): string {
  const before = `attributes.start_time <= ${cursor.startTime}`;
  return cursor.runIds.length ? `${before} AND attributes.run_id NOT IN ${idList(cursor.runIds)}` : before;
}

/** MLflow's default order for runs/search: newest start first (no start time last), then run id. */
export function defaultOrder(a: Run, b: Run): number {
  const [sa, sb] = [a.info.startTime, b.info.startTime];
  if (sa !== sb) {
    if (sa === null) return 1;
    if (sb === null) return -1;
    return sb - sa;
  }
  return a.info.runId < b.info.runId ? -1 : a.info.runId > b.info.runId ? 1 : 0;
}

/** Where the page after `page` starts; the runs sharing the last start time are carried over. */
export function nextCursorOf(page: readonly Run[], previous: RunCursor | undefined): RunCursor | null {
  const last = page.at(-1);
  if (!last || last.info.startTime === null) return null;
  const startTime = last.info.startTime;
  const tied = page.filter((run) => run.info.startTime === startTime).map((run) => run.info.runId);
  const carried = previous?.startTime === startTime ? previous.runIds : [];
  return { startTime, runIds: [...new Set([...carried, ...tied])] };
}

/**
 * One page of a runs view, or a live refresh of it. The filter becomes one MLflow search per OR-clause;
 * their results are merged by run id in MLflow's default order and projected down to the view's columns,
 * so nothing else of a run reaches the browser. Views sort their loaded rows in the browser.
 */
export async function searchRuns(mlflow: MlflowClient, input: RunSearchRequest): Promise<RunSearchResult> {
  const request: Parsed = RunSearchRequest.parse(input);
  const clauses = compileOrThrow(request.filter);
  const search = (filter: string, maxResults: number) =>
    mlflow.runs
      .search({
        experimentIds: request.experimentIds,
        runViewType: request.runViewType,
        maxResults,
        ...(filter ? { filter } : {}),
      })
      .then((page) => page.items);

  let runs: Run[];
  let nextCursor: RunCursor | null = null;
  let overflow = false;
  if (request.live) {
    const { runIds, startedAfter } = request.live;
    const searches = clauses.flatMap((clause) => [
      ...(runIds.length ? [() => search(and(clause, `attributes.run_id IN ${idList(runIds)}`), runIds.length)] : []),
      ...(startedAfter !== null
        ? [() => search(and(clause, `attributes.start_time > ${startedAfter}`), request.pageSize + 1)]
        : []),
    ]);
    runs = merge(await mapLimit(searches, SEARCH_CONCURRENCY, (run) => run()));
    const started = runs.filter((run) => startedAfter !== null && (run.info.startTime ?? -Infinity) > startedAfter);
    overflow = started.length > request.pageSize;
  } else {
    const keyset = request.after ? afterCursor(request.after) : "";
    // One more than a page from each search tells whether another page follows.
    const found = await mapLimit(clauses, SEARCH_CONCURRENCY, (clause) =>
      search(keyset ? and(clause, keyset) : clause, request.pageSize + 1),
    );
    const merged = merge(found);
    runs = merged.slice(0, request.pageSize);
    if (merged.length > request.pageSize) nextCursor = nextCursorOf(runs, request.after);
  }

  const rangeKeys = [
    ...new Set(request.columns.flatMap((c) => (c.type === "metric" && c.aggregate !== "last" ? [c.key] : []))),
  ];
  const extremes = rangeKeys.length ? await metricExtremes(mlflow, runs, rangeKeys) : undefined;
  return {
    runs: runs.map((run) => projectRun(run, request.columns, extremes?.get(run.info.runId))),
    nextCursor,
    overflow,
    searches: clauses.length,
    keys: keysOf(runs),
  };
}

function merge(results: readonly Run[][]): Run[] {
  if (results.length === 1) return [...(results[0] ?? [])];
  const byId = new Map<string, Run>();
  for (const run of results.flat()) byId.set(run.info.runId, run);
  return [...byId.values()].sort(defaultOrder);
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
