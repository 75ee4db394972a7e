import type { RunRow } from "./schemas";

export interface DisplayRow {
  row: RunRow;
  /** 0 for top-level runs, 1 for their children, and so on. */
  depth: number;
  /** Child runs present in the result, shown under this one when it is expanded. */
  childCount: number;
}

/**
 * Arranges runs as MLflow nests them (`mlflow.parentRunId`): each run's children follow it, in the
 * result's order, when it is expanded. A run whose parent is not in the result (filtered out, or in
 * another experiment) stands at the top level. Cycles in bad data cannot loop.
 */
export function nestRuns(rows: readonly RunRow[], expanded: ReadonlySet<string>): DisplayRow[] {
  const present = new Set(rows.map((row) => row.runId));
  const order = new Map(rows.map((row, i) => [row.runId, i]));
  const children = new Map<string, RunRow[]>();
  const roots: RunRow[] = [];
  for (const row of rows) {
    const parent = row.parentRunId;
    if (parent && parent !== row.runId && present.has(parent)) {
      const list = children.get(parent) ?? [];
      list.push(row);
      children.set(parent, list);
    } else {
      roots.push(row);
    }
  }
  // Runs in a parent cycle (a parents b, b parents a) are reachable from no root: the first of each
  // cycle, in result order, becomes a root itself.
  const reachable = new Set<string>();
  const reach = (row: RunRow) => {
    const stack = [row];
    while (stack.length) {
      const next = stack.pop() as RunRow;
      if (reachable.has(next.runId)) continue;
      reachable.add(next.runId);
      stack.push(...(children.get(next.runId) ?? []));
    }
  };
  roots.forEach(reach);
  for (const row of rows) {
    if (reachable.has(row.runId)) continue;
    roots.push(row);
    reach(row);
  }
  roots.sort((a, b) => order.get(a.runId)! - order.get(b.runId)!);

  const out: DisplayRow[] = [];
  const placed = new Set<string>();
  const place = (row: RunRow, depth: number) => {
    if (placed.has(row.runId)) return;
    placed.add(row.runId);
    const kids = children.get(row.runId) ?? [];
    out.push({ row, depth, childCount: kids.length });
    if (expanded.has(row.runId)) for (const kid of kids) place(kid, depth + 1);
  };
  for (const row of roots) place(row, 0);
  return out;
}
