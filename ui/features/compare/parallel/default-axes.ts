import type { CompareRun } from "../schemas";
import type { AxisId } from "../search-params";

/** Params the default parallel coordinates show at most, and metrics. */
const DEFAULT_PARAMS = 6;
const DEFAULT_METRICS = 2;

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every param and metric key any of the runs has, each sorted: what an axis can be chosen from. */
export function axisChoices(runs: readonly CompareRun[]): { params: string[]; metrics: string[] } {
  const params = new Set<string>();
  const metrics = new Set<string>();
  for (const run of runs) {
    for (const key of Object.keys(run.params)) params.add(key);
    for (const key of Object.keys(run.metrics)) metrics.add(key);
  }
  return { params: [...params].sort(byName), metrics: [...metrics].sort(byName) };
}

/** Params whose value is not the same in every run (a param some runs lack counts as differing). */
export function differingParams(runs: readonly CompareRun[]): string[] {
  return axisChoices(runs).params.filter((key) => new Set(runs.map((run) => run.params[key])).size > 1);
}

/**
 * The axes parallel coordinates start with: the params that differ (all params when none do), then the
 * one or two metrics the most runs have, by name among equals.
 */
export function defaultParallelAxes(runs: readonly CompareRun[]): AxisId[] {
  const { params, metrics } = axisChoices(runs);
  const differing = differingParams(runs);
  const chosenParams = (differing.length ? differing : params).slice(0, DEFAULT_PARAMS);
  const count = (key: string) => runs.filter((run) => key in run.metrics).length;
  const chosenMetrics = [...metrics].sort((a, b) => count(b) - count(a) || byName(a, b)).slice(0, DEFAULT_METRICS);
  return [
    ...chosenParams.map((key) => `param:${key}` as const),
    ...chosenMetrics.map((key) => `metric:${key}` as const),
  ];
}
