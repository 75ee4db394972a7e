import "server-only";
import type { Run } from "mltrack-sdk/mlflow";
import type { RunOrder } from "../columns";

type SortValue = string | number | null;

function sortValue(run: Run, column: RunOrder["column"]): SortValue {
  switch (column.type) {
    case "attribute":
      return column.key === "experimentId" ? Number(run.info.experimentId) : run.info[column.key];
    case "metric":
      return run.data.metrics[column.key]?.value ?? null;
    case "param":
      return run.data.params[column.key] ?? null;
    case "tag":
      return run.data.tags[column.key] ?? null;
  }
}

/** MLflow's SQL store puts values first, then NaN, then missing values, whichever the direction. */
function rank(value: SortValue): number {
  if (value === null) return 2;
  return typeof value === "number" && Number.isNaN(value) ? 1 : 0;
}

function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  // Strings compare by code unit, like SQLite's default binary collation for ASCII and the BMP.
  return (a as string | number) < (b as string | number) ? -1 : 1;
}

/**
 * The order MLflow's `runs/search` returns for `orderBy`, for runs merged from several searches:
 * each key as asked (values, then NaN, then missing), then `start_time DESC` unless already a key,
 * then run id ascending.
 */
export function runComparator(orderBy: readonly RunOrder[]): (a: Run, b: Run) => number {
  const keys = [...orderBy];
  if (!keys.some((o) => o.column.type === "attribute" && o.column.key === "startTime")) {
    keys.push({ column: { type: "attribute", key: "startTime" }, descending: true });
  }
  return (a, b) => {
    for (const { column, descending } of keys) {
      const [va, vb] = [sortValue(a, column), sortValue(b, column)];
      const byRank = rank(va) - rank(vb);
      if (byRank !== 0) return byRank;
      if (rank(va) !== 0) continue;
      const byValue = compareValues(va, vb);
      if (byValue !== 0) return descending ? -byValue : byValue;
    }
    return compareValues(a.info.runId, b.info.runId);
  };
}
