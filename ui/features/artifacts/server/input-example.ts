/**
 * A model's saved input example as the card shows it: a table when it is a DataFrame (MLflow's
 * `split` orient, bare or wrapped as `dataframe_split`, or `records`), pretty JSON otherwise.
 */
import "server-only";
import type { InputExampleView } from "../schemas";

/** Rows and text shown of an example; the rest is left out and counted. */
export const EXAMPLE_MAX_ROWS = 100;
export const EXAMPLE_MAX_TEXT = 64 * 1024;

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const cellText = (value: unknown): string =>
  typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);

export function inputExampleView(text: string): InputExampleView {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { kind: "unavailable", reason: `The input example is not valid JSON (${(err as Error).message})` };
  }
  const split = isMapping(parsed) && isMapping(parsed.dataframe_split) ? parsed.dataframe_split : parsed;
  if (isMapping(split) && Array.isArray(split.columns) && Array.isArray(split.data)) {
    const data = split.data as unknown[];
    if (data.every(Array.isArray)) {
      return {
        kind: "table",
        columns: split.columns.map(cellText),
        rows: (data as unknown[][]).slice(0, EXAMPLE_MAX_ROWS).map((row) => row.map(cellText)),
        totalRows: data.length,
      };
    }
  }
  const records = isMapping(parsed) && Array.isArray(parsed.dataframe_records) ? parsed.dataframe_records : parsed;
  if (Array.isArray(records) && records.length > 0 && records.every(isFlatRecord)) {
    const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
    return {
      kind: "table",
      columns,
      rows: records.slice(0, EXAMPLE_MAX_ROWS).map((r) => columns.map((c) => cellText(r[c]))),
      totalRows: records.length,
    };
  }
  const pretty = JSON.stringify(parsed, null, 2);
  return pretty.length > EXAMPLE_MAX_TEXT
    ? { kind: "json", text: pretty.slice(0, EXAMPLE_MAX_TEXT), truncated: true }
    : { kind: "json", text: pretty, truncated: false };
}

function isFlatRecord(value: unknown): value is Record<string, unknown> {
  return isMapping(value) && Object.values(value).every((v) => v === null || typeof v !== "object");
}
