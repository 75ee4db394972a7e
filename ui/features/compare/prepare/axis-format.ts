import type { XAxis } from "./series-points";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 3 });
const plain = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });
const full = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 10 });
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** A y-axis tick: short, with 1e6 as "1M", tiny values in e-notation, at most four significant digits. */
export function formatValueTick(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude === 0) return "0";
  if (magnitude >= 10_000) return compact.format(value);
  if (magnitude < 0.001) return value.toExponential(1).replace(/\.0e/, "e");
  return plain.format(value);
}

/** A value in a tooltip or a single-value card: up to ten significant digits, NaN and infinities named. */
export function formatValue(value: number | null): string {
  if (value === null) return "–";
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e15)) return value.toExponential(6).replace(/\.?0+e/, "e");
  return full.format(value);
}

/** A step, grouped (12,345). */
export function formatStep(step: number): string {
  return integer.format(step);
}

/** A step tick: 20K rather than 20,000. */
export function formatStepTick(step: number): string {
  return Math.abs(step) >= 10_000 ? compact.format(step) : integer.format(step);
}

const UNITS: [string, number][] = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1000],
];

/** A duration in the two largest units that matter: 0, 250ms, 45s, 1m 30s, 2h 5m, 3d 4h. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? "-" : "";
  let rest = Math.round(Math.abs(ms));
  if (rest === 0) return "0";
  if (rest < 1000) return `${sign}${rest}ms`;
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count}${unit}`);
    if (parts.length === 2) break;
  }
  return sign + parts.filter((part, i) => i === 0 || !part.startsWith("0")).join(" ");
}

/** A wall-time tick: the time of day when the axis spans under a day, else the date and time. */
export function formatWallTimeTick(ms: number, spanMs: number, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions =
    spanMs < 86_400_000
      ? { hour: "2-digit", minute: "2-digit", ...(spanMs < 600_000 ? { second: "2-digit" } : {}), hourCycle: "h23" }
      : { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  return new Intl.DateTimeFormat("en-US", { ...options, ...(timeZone ? { timeZone } : {}) }).format(ms);
}

/** A wall time in full, for tooltips: 2026-01-01 12:34:56.789 in the viewer's zone (or `timeZone`). */
export function formatWallTime(ms: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    fractionalSecondDigits: 3,
    hourCycle: "h23",
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}:${part("second")}.${part("fractionalSecond")}`;
}

/** The x-axis tick formatter for `xAxis`; `spanMs` (the visible width) picks the wall-time precision. */
export function xTickFormatter(xAxis: XAxis, spanMs: number, timeZone?: string): (x: number) => string {
  if (xAxis === "step") return formatStepTick;
  if (xAxis === "time-relative") return formatDuration;
  return (x) => formatWallTimeTick(x, spanMs, timeZone);
}

/** "Step", "Wall time" or "Relative time". */
export const X_AXIS_LABELS: Record<XAxis, string> = {
  step: "Step",
  time: "Wall time",
  "time-relative": "Relative time",
};
