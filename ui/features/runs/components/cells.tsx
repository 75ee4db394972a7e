"use client";

import { Timestamp } from "@/components/timestamp";
import type { RunCell, RunColumn } from "../columns";
import { formatDuration, formatNumber } from "../format";

export { cellText, columnLabel, formatDuration, formatNumber } from "../format";

/** A cell's content. Every value from MLflow renders as text, never as markup. */
export function CellValue({ column, cell }: { column: RunColumn; cell: RunCell }) {
  if (cell === null) return <span className="text-muted-foreground">—</span>;
  if (typeof cell === "object") {
    const text = cell.nonFinite === "NaN" ? "NaN" : cell.nonFinite === "Infinity" ? "+∞" : "−∞";
    return <span className="font-mono text-amber-600 dark:text-amber-400">{text}</span>;
  }
  if (column.type === "attribute" && (column.key === "startTime" || column.key === "endTime")) {
    return <Timestamp ms={typeof cell === "number" ? cell : null} />;
  }
  if (column.type === "attribute" && column.key === "duration" && typeof cell === "number") {
    return <span className="tabular-nums">{formatDuration(cell)}</span>;
  }
  if (column.type === "attribute" && column.key === "gitCommit" && typeof cell === "string") {
    return (
      <span className="font-mono text-xs" title={cell}>
        {cell.slice(0, 8)}
      </span>
    );
  }
  if (typeof cell === "number") return <span className="font-mono tabular-nums">{formatNumber(cell)}</span>;
  return <span title={cell}>{cell}</span>;
}
