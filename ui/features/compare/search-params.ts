/**
 * A comparison is its URL, so a link reproduces it: the runs, the charts and every chart setting.
 * One parser and one serialiser for the server page and the browser.
 *
 *   runs=a,b,c   m=loss   m=acc   x=metric:epoch   log=1   smooth=0.6   group=param:model   hide=b
 *   diff=1   pc=param:lr   pc=metric:loss   brush=0.1:0.4:metric:loss   sx=param:lr   sy=metric:loss
 *   img=images/   imgstep=100   zoom=100:500:loss   best=max:loss   pt=1   pick=adam:param:optimizer
 *
 * Axis ids are `param:<key>`, `metric:<key>` (the last value) or `tag:<key>`; in `brush` and `zoom`
 * the id or key comes last and takes the rest, so keys may hold any character, `:` included; in `pick`
 * the value comes first, URI-encoded (so it holds no `:`), one entry per picked value.
 */

/** The most runs one comparison holds. */
export const MAX_COMPARED_RUNS = 500;
/** The most metric charts one comparison shows. */
export const MAX_COMPARED_METRICS = 50;

const RUN_ID = /^[a-zA-Z0-9][\w-]{0,255}$/;

/** Step, wall-clock time, time since the run's first point, or the value of another metric at the same step. */
export type CompareXAxis = "step" | "time" | "time-relative" | `metric:${string}`;

/** A value to place runs by: a param, the last value of a metric, or a tag. */
export type AxisId = `param:${string}` | `metric:${string}` | `tag:${string}`;

export interface CompareView {
  runIds: string[];
  /** Metric charts, in order. */
  metricKeys: string[];
  xAxis: CompareXAxis;
  logY: boolean;
  /** EMA weight in [0, 0.99]; 0 is off. */
  smoothing: number;
  /** Runs grouped by a param or tag: a mean line with a ± std band per group. */
  groupBy: `param:${string}` | `tag:${string}` | null;
  /** Runs hidden from the charts (from the legend). */
  hidden: string[];
  /** The params table shows only params whose values differ. */
  onlyDiff: boolean;
  /** Parallel coordinates' axes, in order. */
  parallelAxes: AxisId[];
  /** Brushed ranges on parallel axes: runs outside any of them leave the compared set. */
  brushes: { axis: AxisId; from: number; to: number }[];
  /** Categories picked on text axes of the parallel coordinates: runs with another value leave the set. */
  picks: { axis: AxisId; values: string[] }[];
  scatter: { x: AxisId | null; y: AxisId | null };
  /** An artifact folder holding per-step images (`images/step_100.png`), and the step shown. */
  images: { path: string | null; step: number | null };
  /** Per-chart x windows, by metric key: a zoom, drawn from the server at full resolution. */
  zooms: { key: string; from: number; to: number }[];
  /** The metrics table's better end per metric, where the user chose it (else guessed from the name). */
  best: { key: string; direction: "min" | "max" }[];
  /** The params table transposed: one row per run, one column per param. */
  paramsByRun: boolean;
}

export const EMPTY_COMPARE_VIEW: CompareView = {
  runIds: [],
  metricKeys: [],
  xAxis: "step",
  logY: false,
  smoothing: 0,
  groupBy: null,
  hidden: [],
  onlyDiff: false,
  parallelAxes: [],
  brushes: [],
  picks: [],
  scatter: { x: null, y: null },
  images: { path: null, step: null },
  zooms: [],
  best: [],
  paramsByRun: false,
};

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function getAll(params: Params, name: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(name);
  const value = params[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
const first = (params: Params, name: string) => getAll(params, name)[0];

function list(params: Params, name: string): string[] {
  return getAll(params, name)
    .flatMap((value) => value.split(","))
    .filter(Boolean);
}

function rest(text: string, separator = ":"): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
}

const unique = <T>(items: T[]) => [...new Set(items)];

export function parseAxisId(text: string | undefined): AxisId | null {
  if (!text) return null;
  const [type, key] = rest(text);
  if (!key || key.length > 250) return null;
  return type === "param" || type === "metric" || type === "tag" ? (`${type}:${key}` as AxisId) : null;
}

function parseXAxis(text: string | undefined): CompareXAxis {
  if (text === "step" || text === "time" || text === "time-relative") return text;
  const axis = parseAxisId(text);
  return axis?.startsWith("metric:") ? (axis as CompareXAxis) : "step";
}

function parseNumber(text: string): number | null {
  if (text.trim() === "") return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function decodeComponent(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** `<from>:<to>:<rest>`, with from <= to; null when it does not parse. */
function parseWindow(text: string): { from: number; to: number; rest: string } | null {
  const [a, tail] = rest(text);
  const [b, name] = rest(tail);
  const [from, to] = [parseNumber(a), parseNumber(b)];
  if (from === null || to === null || !name) return null;
  return { from: Math.min(from, to), to: Math.max(from, to), rest: name };
}

/** Entries that do not parse (a hand-edited URL) are dropped rather than failing the page. */
export function parseCompareView(params: Params): CompareView {
  const smoothing = parseNumber(first(params, "smooth") ?? "") ?? 0;
  const step = parseNumber(first(params, "imgstep") ?? "");
  const group = parseAxisId(first(params, "group"));
  const byAxis = new Map<string, { axis: AxisId; from: number; to: number }>();
  for (const text of getAll(params, "brush")) {
    const window = parseWindow(text);
    const axis = parseAxisId(window?.rest);
    if (window && axis) byAxis.set(axis, { axis, from: window.from, to: window.to });
  }
  const picks = new Map<string, { axis: AxisId; values: string[] }>();
  for (const text of getAll(params, "pick")) {
    const [encoded, id] = rest(text);
    const axis = parseAxisId(id);
    const value = decodeComponent(encoded);
    if (!axis || value === null) continue;
    const pick = picks.get(axis) ?? { axis, values: [] };
    if (!pick.values.includes(value)) pick.values.push(value);
    picks.set(axis, pick);
  }
  const zooms = new Map<string, { key: string; from: number; to: number }>();
  for (const text of getAll(params, "zoom")) {
    const window = parseWindow(text);
    if (window) zooms.set(window.rest, { key: window.rest, from: window.from, to: window.to });
  }
  const best = new Map<string, { key: string; direction: "min" | "max" }>();
  for (const text of getAll(params, "best")) {
    const [direction, key] = rest(text);
    if ((direction === "min" || direction === "max") && key && key.length <= 250) best.set(key, { key, direction });
  }
  return {
    runIds: unique(list(params, "runs").filter((id) => RUN_ID.test(id))).slice(0, MAX_COMPARED_RUNS),
    metricKeys: unique(getAll(params, "m").filter((key) => key && key.length <= 250)).slice(0, MAX_COMPARED_METRICS),
    xAxis: parseXAxis(first(params, "x")),
    logY: first(params, "log") === "1",
    smoothing: Math.min(0.99, Math.max(0, smoothing)),
    groupBy: group && !group.startsWith("metric:") ? (group as CompareView["groupBy"]) : null,
    hidden: unique(list(params, "hide").filter((id) => RUN_ID.test(id))),
    onlyDiff: first(params, "diff") === "1",
    parallelAxes: unique(getAll(params, "pc").flatMap((text) => parseAxisId(text) ?? [])),
    brushes: [...byAxis.values()],
    picks: [...picks.values()],
    scatter: { x: parseAxisId(first(params, "sx")), y: parseAxisId(first(params, "sy")) },
    images: {
      path: first(params, "img") || null,
      step: step !== null && Number.isInteger(step) ? step : null,
    },
    zooms: [...zooms.values()],
    best: [...best.values()],
    paramsByRun: first(params, "pt") === "1",
  };
}

/** The view's URL query; settings at their defaults are left out. */
export function compareViewSearchParams(view: CompareView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.runIds.length) params.set("runs", view.runIds.join(","));
  for (const key of view.metricKeys) params.append("m", key);
  if (view.xAxis !== "step") params.set("x", view.xAxis);
  if (view.logY) params.set("log", "1");
  if (view.smoothing > 0) params.set("smooth", String(view.smoothing));
  if (view.groupBy) params.set("group", view.groupBy);
  if (view.hidden.length) params.set("hide", view.hidden.join(","));
  if (view.onlyDiff) params.set("diff", "1");
  for (const axis of view.parallelAxes) params.append("pc", axis);
  for (const brush of view.brushes) params.append("brush", `${brush.from}:${brush.to}:${brush.axis}`);
  for (const pick of view.picks)
    for (const value of pick.values) params.append("pick", `${encodeURIComponent(value)}:${pick.axis}`);
  if (view.scatter.x) params.set("sx", view.scatter.x);
  if (view.scatter.y) params.set("sy", view.scatter.y);
  if (view.images.path) params.set("img", view.images.path);
  if (view.images.step !== null) params.set("imgstep", String(view.images.step));
  for (const zoom of view.zooms) params.append("zoom", `${zoom.from}:${zoom.to}:${zoom.key}`);
  for (const { key, direction } of view.best) params.append("best", `${direction}:${key}`);
  if (view.paramsByRun) params.set("pt", "1");
  return params;
}
