/** Plain-text output: tables with padded columns, and values made safe for a terminal. */

/**
 * Names, tags and params are untrusted: control characters (escape sequences could rewrite the
 * terminal) are shown as `\xNN`, and newlines as `\n`.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function safeText(value: string): string {
  return value.replace(CONTROL, (c) =>
    c === "\n" ? "\\n" : c === "\t" ? "\\t" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

export function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** A table: a header row and rows of cells, columns padded to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => safeText(cell)));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? "")].length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - [...cell].length)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function formatTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms <= 0) return "-";
  return new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
}

export function formatDuration(start: number | null, end: number | null): string {
  if (start === null || end === null || end < start) return "-";
  const seconds = (end - start) / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
