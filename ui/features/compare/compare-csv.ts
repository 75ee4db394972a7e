import type { RunCell } from "@/features/runs";
import type { CompareRun, MetricSummary } from "./schemas";

/** Spreadsheets run a cell starting with one of these as a formula; such text is prefixed with `'`. */
const FORMULA_START = /^[=+\-@\t\r]/;

function text(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cell(value: RunCell | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return value.nonFinite;
  return typeof value === "number" ? String(value) : text(value);
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * The compared metrics as CSV (RFC 4180, CRLF): one row per run with its id, name and experiment, then
 * the last, min and max of each of `metricKeys`. Text cells that a spreadsheet would run as a formula
 * are defused with a leading `'`; NaN and infinities are written as words; a metric the run never
 * logged, or whose summary is not known, is an empty cell.
 */
export function compareMetricsCsv(
  runs: readonly CompareRun[],
  metricKeys: readonly string[],
  summaries: ReadonlyMap<string, ReadonlyMap<string, MetricSummary>>,
): string {
  const header = [
    "run_id",
    "run_name",
    "experiment",
    ...metricKeys.flatMap((key) => [`${key} (last)`, `${key} (min)`, `${key} (max)`]),
  ];
  const lines = [header.map((field) => quote(text(field))).join(",")];
  for (const run of runs) {
    const perRun = summaries.get(run.runId);
    const fields = [text(run.runId), text(run.runName), text(run.experimentName)];
    for (const key of metricKeys) {
      const summary = perRun?.get(key);
      fields.push(cell(run.metrics[key]?.value), cell(summary?.min), cell(summary?.max));
    }
    lines.push(fields.map(quote).join(","));
  }
  return lines.map((line) => `${line}\r\n`).join("");
}

/** Summaries by run id, then key. */
export function summariesByRun(summaries: readonly MetricSummary[]): Map<string, Map<string, MetricSummary>> {
  const byRun = new Map<string, Map<string, MetricSummary>>();
  for (const summary of summaries) {
    const perRun = byRun.get(summary.runId) ?? new Map<string, MetricSummary>();
    perRun.set(summary.key, summary);
    byRun.set(summary.runId, perRun);
  }
  return byRun;
}
