import type { RunRow } from "./schemas";

/** A run and its child runs in the view, for the table's expandable rows. */
export interface RunNode {
  row: RunRow;
  /** Child runs present in the view, in the view's order; empty when none. */
  children: RunNode[];
}

/**
 * Arranges runs as MLflow nests them (`mlflow.parentRunId`): each run's children under it, in the
 * view's order, at any depth. A run whose parent is not in the view (filtered out, or in another
 * experiment) stands at the top level. Runs in a parent cycle (bad data) cannot loop: the first of
 * each cycle, in view order, becomes a top-level run.
 */
export function nestRuns(rows: readonly RunRow[]): RunNode[] {
  const order = new Map(rows.map((row, i) => [row.runId, i]));
  const nodes = new Map(rows.map((row) => [row.runId, { row, children: [] as RunNode[] }]));
  const childrenOf = new Map<string, RunNode[]>();
  const roots: RunNode[] = [];
  for (const row of rows) {
    const parent = row.parentRunId;
    const node = nodes.get(row.runId) as RunNode;
    if (parent && parent !== row.runId && nodes.has(parent)) {
      const list = childrenOf.get(parent) ?? [];
      list.push(node);
      childrenOf.set(parent, list);
    } else {
      roots.push(node);
    }
  }
  const placed = new Set<string>();
  const place = (node: RunNode) => {
    const stack = [node];
    placed.add(node.row.runId);
    while (stack.length) {
      const next = stack.pop() as RunNode;
      for (const child of childrenOf.get(next.row.runId) ?? []) {
        if (placed.has(child.row.runId)) continue;
        placed.add(child.row.runId);
        next.children.push(child);
        stack.push(child);
      }
    }
  };
  roots.forEach(place);
  for (const row of rows) {
    if (placed.has(row.runId)) continue;
    const node = nodes.get(row.runId) as RunNode;
    roots.push(node);
    place(node);
  }
  roots.sort((a, b) => (order.get(a.row.runId) as number) - (order.get(b.row.runId) as number));
  return roots;
}
