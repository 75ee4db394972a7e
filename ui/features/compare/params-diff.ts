import type { CompareRun } from "./schemas";

export interface ParamRow {
  key: string;
  /** One value per run, in the runs' order; null where the run has no such param. */
  values: (string | null)[];
  /** Not the same value in every run (a missing value counts as different). */
  differs: boolean;
  /** Per run: whether to highlight the cell, i.e. its value is not the one most runs share. */
  highlighted: boolean[];
}

/**
 * The params table: one row per param key any run has, keys sorted, values in the runs' order. With
 * `onlyDiff`, rows whose value is the same in every run are left out. In a differing row, the cells
 * holding the value most runs share are left plain and the others highlighted; when no single value
 * is the most common (a tie), every cell is highlighted.
 */
export function paramRows(
  runs: readonly Pick<CompareRun, "params">[],
  { onlyDiff = false }: { onlyDiff?: boolean } = {},
): ParamRow[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of Object.keys(run.params)) keys.add(key);
  const rows: ParamRow[] = [];
  for (const key of [...keys].sort()) {
    const values = runs.map((run) => (Object.hasOwn(run.params, key) ? (run.params[key] as string) : null));
    const differs = values.some((value) => value === null || value !== values[0]);
    if (onlyDiff && !differs) continue;
    rows.push({ key, values, differs, highlighted: differs ? highlight(values) : values.map(() => false) });
  }
  return rows;
}

function highlight(values: readonly (string | null)[]): boolean[] {
  const counts = new Map<string | null, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const top = Math.max(...counts.values());
  const leaders = [...counts.values()].filter((count) => count === top).length;
  return values.map((value) => leaders > 1 || counts.get(value)! < top);
}
