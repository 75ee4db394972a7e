/** How run values read as text: column labels, durations, numbers. Shared by the table and the CSV export. */
import type { RunCell, RunColumn } from "./columns";

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

/** Integers as they are; other numbers to `digits` significant digits, in exponent form when tiny or huge. */
export function formatNumber(value: number, digits = 6): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-4 || abs >= 1e6)
    ? value.toExponential(Math.max(1, digits - 2))
    : String(Number(value.toPrecision(digits)));
}

/** A cell as text, for grouping and for titles: what CellValue shows, without formatting. */
export function cellText(cell: RunCell): string {
  if (cell === null) return "";
  if (typeof cell === "object") return cell.nonFinite;
  return String(cell);
}
