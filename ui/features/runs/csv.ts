import type { RunCell, RunColumn } from "./columns";
import type { RunRow } from "./schemas";

/** Spreadsheets run a cell starting with one of these as a formula; such text is prefixed with `'`. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(column: RunColumn, cell: RunCell): string {
  if (cell === null) return "";
  if (typeof cell === "object") return cell.nonFinite;
  if (typeof cell === "number") {
    const isTime = column.type === "attribute" && (column.key === "startTime" || column.key === "endTime");
    return isTime ? new Date(cell).toISOString() : String(cell);
  }
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV header line (RFC 4180): a run_id column, then one per view column under its label. */
export function csvHeader(labels: readonly string[]): string {
  return ["run_id", ...labels].map(quote).join(",") + "\r\n";
}

/** CSV lines for `rows`, each ending in CRLF. */
export function csvLines(columns: readonly RunColumn[], rows: readonly RunRow[]): string {
  let out = "";
  for (const row of rows) {
    out += [row.runId, ...columns.map((column, i) => cellText(column, row.cells[i] ?? null))].map(quote).join(",");
    out += "\r\n";
  }
  return out;
}

/** The view as CSV (RFC 4180, CRLF). */
export function runsToCsv(columns: readonly RunColumn[], labels: readonly string[], rows: readonly RunRow[]): string {
  return csvHeader(labels) + csvLines(columns, rows);
}
