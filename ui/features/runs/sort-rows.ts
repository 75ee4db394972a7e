import { columnId, type RunCell, type RunColumn, type RunOrder } from "./columns";
import type { RunRow } from "./schemas";

type Key = { kind: "value"; value: number | string } | { kind: "nan" } | { kind: "missing" };

function keyOf(cell: RunCell): Key {
  if (cell === null || cell === "") return { kind: "missing" };
  if (typeof cell === "object") {
    if (cell.nonFinite === "NaN") return { kind: "nan" };
    return { kind: "value", value: cell.nonFinite === "Infinity" ? Infinity : -Infinity };
  }
  return { kind: "value", value: cell };
}

const RANK = { value: 0, nan: 1, missing: 2 } as const;

/**
 * Numbers numerically, text by code unit (as SQLite compares), and text that reads as a number (params
 * and tags are strings in MLflow: "9" and "10") numerically, so a learning-rate column sorts as users
 * expect. Numbers before text when a column mixes them.
 */
export function compareValues(a: number | string, b: number | string): number {
  const na = typeof a === "number" ? a : numeric(a);
  const nb = typeof b === "number" ? b : numeric(b);
  if (na !== null && nb !== null) return na < nb ? -1 : na > nb ? 1 : 0;
  if (na !== null) return -1;
  if (nb !== null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function numeric(text: string): number | null {
  if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text)) return null;
  return Number(text);
}

/**
 * Orders a view's rows by its sort keys, as MLflow orders runs: values ascending or descending, then
 * NaN, then runs without the value, whichever the direction. The sort is stable, so rows that tie keep
 * the order they came in (MLflow's default: newest first). Keys naming a column the view does not
 * show are ignored: their values are not loaded.
 */
export function sortRows(
  rows: readonly RunRow[],
  columns: readonly RunColumn[],
  orderBy: readonly RunOrder[],
): RunRow[] {
  const indices = new Map(columns.map((column, i) => [columnId(column), i]));
  const keys = orderBy.flatMap((order) => {
    const index = indices.get(columnId(order.column));
    return index === undefined ? [] : [{ index, direction: order.descending ? -1 : 1 }];
  });
  if (keys.length === 0) return [...rows];
  const decorated = rows.map((row) => ({ row, keys: keys.map(({ index }) => keyOf(row.cells[index] ?? null)) }));
  decorated.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const [ka, kb] = [a.keys[k] as Key, b.keys[k] as Key];
      const byRank = RANK[ka.kind] - RANK[kb.kind];
      if (byRank !== 0) return byRank;
      if (ka.kind !== "value" || kb.kind !== "value") continue;
      const byValue = compareValues(ka.value, kb.value);
      if (byValue !== 0) return byValue * (keys[k] as { direction: number }).direction;
    }
    return 0;
  });
  return decorated.map((d) => d.row);
}
