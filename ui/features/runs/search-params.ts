/**
 * A runs view is its URL, so a link reproduces it: `q` (the filter), repeated `col` (columns beyond
 * the base ones), repeated `order` (sort keys), `group` (a column to group by) and `limit` (how many
 * runs to load). One parser and one serialiser, for the server page and the browser alike.
 *
 *   col=param:lr   col=tag:team   col=metric:min:val/loss   order=desc:metric:min:val/loss   group=param:model
 *
 * The key comes last and takes the rest, so keys may hold any character, `:` included.
 */
import { METRIC_AGGREGATES, RunColumn, columnId, type MetricAggregate, type RunOrder } from "./columns";
import { DEFAULT_RUNS_PER_VIEW, MAX_RUNS_PER_VIEW, type RunSearchRequest } from "./schemas";

export interface RunsView {
  filter: string;
  columns: RunColumn[];
  orderBy: RunOrder[];
  /** Rows are grouped by this column's value (a param, tag or attribute), or not at all. */
  groupBy: RunColumn | null;
  /** How many runs the view loads, newest first. */
  limit: number;
}

/** Always shown, before the view's own columns. */
export const BASE_COLUMNS: readonly RunColumn[] = [
  { type: "attribute", key: "runName" },
  { type: "attribute", key: "status" },
  { type: "attribute", key: "startTime" },
  { type: "attribute", key: "duration" },
  { type: "attribute", key: "userId" },
  { type: "attribute", key: "source" },
  { type: "attribute", key: "gitCommit" },
];

export const EMPTY_VIEW: RunsView = {
  filter: "",
  columns: [],
  orderBy: [],
  groupBy: null,
  limit: DEFAULT_RUNS_PER_VIEW,
};

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function getAll(params: Params, name: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(name);
  const value = params[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function rest(text: string, separator = ":"): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
}

/** `metric:min:loss`, or `metric:loss` for the last value. */
export function parseColumn(text: string): RunColumn | undefined {
  const [type, tail] = rest(text);
  const candidate =
    type === "metric"
      ? (() => {
          const [aggregate, key] = rest(tail);
          return (METRIC_AGGREGATES as readonly string[]).includes(aggregate)
            ? { type, aggregate: aggregate as MetricAggregate, key }
            : { type, aggregate: "last", key: tail };
        })()
      : { type, key: tail };
  const parsed = RunColumn.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** `desc:metric:min:loss`: a direction, then the column. */
export function parseOrder(text: string): RunOrder | undefined {
  const [direction, column] = rest(text);
  if (direction !== "asc" && direction !== "desc") return undefined;
  const parsed = parseColumn(column);
  return parsed ? { column: parsed, descending: direction === "desc" } : undefined;
}

export function formatOrder(order: RunOrder): string {
  return `${order.descending ? "desc" : "asc"}:${columnId(order.column)}`;
}

/**
 * Entries that do not parse (a hand-edited URL) are dropped rather than failing the page. A column the
 * view sorts or groups by is shown, so its values are loaded.
 */
export function parseRunsView(params: Params): RunsView {
  const seen = new Set(BASE_COLUMNS.map(columnId));
  const columns: RunColumn[] = [];
  const show = (column: RunColumn) => {
    if (seen.has(columnId(column))) return;
    seen.add(columnId(column));
    columns.push(column);
  };
  for (const text of getAll(params, "col")) {
    const column = parseColumn(text);
    if (column) show(column);
  }
  const orderBy: RunOrder[] = [];
  for (const order of getAll(params, "order").flatMap((text) => parseOrder(text) ?? [])) {
    if (orderBy.some((o) => columnId(o.column) === columnId(order.column))) continue;
    show(order.column);
    orderBy.push(order);
  }
  const grouped = getAll(params, "group")
    .map(parseColumn)
    .find((column) => column !== undefined && column.type !== "metric");
  if (grouped) show(grouped);
  const limit = Number(getAll(params, "limit")[0]);
  return {
    filter: getAll(params, "q")[0] ?? "",
    columns,
    orderBy,
    groupBy: grouped ?? null,
    limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_RUNS_PER_VIEW) : DEFAULT_RUNS_PER_VIEW,
  };
}

export function runsViewSearchParams(view: RunsView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.filter.trim()) params.set("q", view.filter);
  for (const column of view.columns) params.append("col", columnId(column));
  for (const order of view.orderBy) params.append("order", formatOrder(order));
  if (view.groupBy) params.set("group", columnId(view.groupBy));
  if (view.limit !== DEFAULT_RUNS_PER_VIEW) params.set("limit", String(view.limit));
  return params;
}

/** Every column a view shows, base columns first. */
export function viewColumns(view: RunsView): RunColumn[] {
  return [...BASE_COLUMNS, ...view.columns];
}

/**
 * The search a view makes, without its paging; the server page and the browser build it here, so their
 * query keys agree. Sorting and grouping happen in the browser and are not part of it.
 */
export function runSearchRequestOf(experimentId: string, view: RunsView): RunSearchRequest {
  return { experimentIds: [experimentId], filter: view.filter, columns: viewColumns(view) };
}
