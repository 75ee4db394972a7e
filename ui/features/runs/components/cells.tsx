"use client";

import { Timestamp } from "@/components/timestamp";
import type { RunCell, RunColumn } from "../columns";

const ATTRIBUTE_LABELS: Record<string, string> = {
  runName: "Run name",
  status: "Status",
  startTime: "Started",
  endTime: "Ended",
  duration: "Duration",
  userId: "User",
  source: "Source",
  gitCommit: "Git commit",
  parentRunId: "Parent run",
  experimentId: "Experiment",
  lifecycleStage: "Lifecycle",
};

export function columnLabel(column: RunColumn): string {
  switch (column.type) {
    case "attribute":
      return ATTRIBUTE_LABELS[column.key] ?? column.key;
    case "metric":
      return column.aggregate === "last" ? column.key : `${column.key} (${column.aggregate})`;
    default:
      return column.key;
  }
}

/** `1h 02m`, `3m 05s`, `4.2s`. */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return h > 0 ? `${h}h ${String(m).padStart(2, "0")}m` : `${m}m ${String(sec).padStart(2, "0")}s`;
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-4 || abs >= 1e6) ? value.toExponential(4) : String(Number(value.toPrecision(6)));
}

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
