/**
 * A runs view is its URL: `q` (the filter), repeated `col` (extra columns) and `order`, so a link
 * reproduces the view. One parser and one serialiser, for the server page and the browser alike.
 *
 *   col=param:lr   col=tag:team   col=metric:min:val/loss   order=desc:metric:val/loss
 *
 * The key comes last and takes the rest, so keys may hold any character, `:` included.
 */
import { METRIC_AGGREGATES, RunColumn, columnId, RunOrder, type MetricAggregate } from "./columns";
import type { RunSearchRequest } from "./schemas";

export interface RunsView {
  filter: string;
  columns: RunColumn[];
  orderBy: RunOrder[];
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

export function parseOrder(text: string): RunOrder | undefined {
  const [direction, column] = rest(text);
  if (direction !== "asc" && direction !== "desc") return undefined;
  const [type, key] = rest(column);
  const parsed = RunOrder.safeParse({ column: { type, key }, descending: direction === "desc" });
  return parsed.success ? parsed.data : undefined;
}

export function formatOrder(order: RunOrder): string {
  return `${order.descending ? "desc" : "asc"}:${order.column.type}:${order.column.key}`;
}

/** Entries that do not parse (a hand-edited URL) are dropped rather than failing the page. */
export function parseRunsView(params: Params): RunsView {
  const seen = new Set(BASE_COLUMNS.map(columnId));
  const columns: RunColumn[] = [];
  for (const text of getAll(params, "col")) {
    const column = parseColumn(text);
    if (!column || seen.has(columnId(column))) continue;
    seen.add(columnId(column));
    columns.push(column);
  }
  const orderBy = getAll(params, "order").flatMap((text) => parseOrder(text) ?? []);
  return { filter: getAll(params, "q")[0] ?? "", columns, orderBy };
}

export function runsViewSearchParams(view: RunsView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.filter.trim()) params.set("q", view.filter);
  for (const column of view.columns) params.append("col", columnId(column));
  for (const order of view.orderBy) params.append("order", formatOrder(order));
  return params;
}

/** The search a view makes; the server page and the browser build it here, so their query keys agree. */
export function runSearchRequestOf(experimentId: string, view: RunsView): RunSearchRequest {
  return {
    experimentIds: [experimentId],
    filter: view.filter,
    columns: [...BASE_COLUMNS, ...view.columns],
    orderBy: view.orderBy,
  };
}
