/**
 * The experiments list is its URL: `q` (name contains, case-insensitive), `sort` (`name:asc`,
 * `created:desc`, `updated:desc`, ...) and `view` (`active`, `deleted`, `all`), so a link reproduces
 * the list. One parser and one serialiser, for the server page, the browser and the API alike.
 */
import type { ViewType } from "mltrack-sdk/mlflow";

/** URL word → MLflow's `order_by` attribute. */
export const EXPERIMENT_SORT_FIELDS = {
  name: "name",
  created: "creation_time",
  updated: "last_update_time",
} as const;
export type ExperimentSortField = keyof typeof EXPERIMENT_SORT_FIELDS;

export const EXPERIMENT_VIEWS = ["active", "deleted", "all"] as const;
export type ExperimentLifecycleView = (typeof EXPERIMENT_VIEWS)[number];

const VIEW_TYPES: Record<ExperimentLifecycleView, ViewType> = {
  active: "ACTIVE_ONLY",
  deleted: "DELETED_ONLY",
  all: "ALL",
};

export interface ExperimentSort {
  field: ExperimentSortField;
  descending: boolean;
}

export interface ExperimentListView {
  q: string;
  sort: ExperimentSort;
  view: ExperimentLifecycleView;
}

/** Longest name search kept; MLflow's names are at most 500 characters. */
export const MAX_NAME_QUERY_LENGTH = 500;

export const DEFAULT_EXPERIMENT_SORT: ExperimentSort = { field: "updated", descending: true };
export const DEFAULT_EXPERIMENT_LIST_VIEW: ExperimentListView = {
  q: "",
  sort: DEFAULT_EXPERIMENT_SORT,
  view: "active",
};

/** Every `sort` value the URL and the API accept. */
export const EXPERIMENT_SORT_VALUES = [
  "name:asc",
  "name:desc",
  "created:asc",
  "created:desc",
  "updated:asc",
  "updated:desc",
] as const satisfies readonly `${ExperimentSortField}:${"asc" | "desc"}`[];
export type ExperimentSortValue = (typeof EXPERIMENT_SORT_VALUES)[number];

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: Params, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

export function parseExperimentSort(text: string | undefined): ExperimentSort | undefined {
  if (!text) return undefined;
  const [field, direction, ...extra] = text.split(":");
  if (extra.length > 0 || !field || !Object.hasOwn(EXPERIMENT_SORT_FIELDS, field)) return undefined;
  if (direction !== "asc" && direction !== "desc") return undefined;
  return { field: field as ExperimentSortField, descending: direction === "desc" };
}

export function formatExperimentSort(sort: ExperimentSort): ExperimentSortValue {
  return `${sort.field}:${sort.descending ? "desc" : "asc"}`;
}

export function parseExperimentLifecycleView(text: string | undefined): ExperimentLifecycleView | undefined {
  return (EXPERIMENT_VIEWS as readonly string[]).includes(text ?? "") ? (text as ExperimentLifecycleView) : undefined;
}

/** Values that do not parse (a hand-edited URL) fall back to the defaults rather than failing the page. */
export function parseExperimentListView(params: Params): ExperimentListView {
  return {
    q: (first(params, "q") ?? "").trim().slice(0, MAX_NAME_QUERY_LENGTH),
    sort: parseExperimentSort(first(params, "sort")) ?? DEFAULT_EXPERIMENT_SORT,
    view: parseExperimentLifecycleView(first(params, "view")) ?? DEFAULT_EXPERIMENT_LIST_VIEW.view,
  };
}

/** Defaults are left out, so the plain list is plain `/experiments`. */
export function experimentListViewSearchParams(view: ExperimentListView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q.trim()) params.set("q", view.q.trim());
  const sort = formatExperimentSort(view.sort);
  if (sort !== formatExperimentSort(DEFAULT_EXPERIMENT_SORT)) params.set("sort", sort);
  if (view.view !== DEFAULT_EXPERIMENT_LIST_VIEW.view) params.set("view", view.view);
  return params;
}

/** MLflow's `order_by`, with `experiment_id` in the same direction as the tie-break (stable pages). */
export function experimentOrderBy(sort: ExperimentSort): string[] {
  const direction = sort.descending ? "DESC" : "ASC";
  return [`${EXPERIMENT_SORT_FIELDS[sort.field]} ${direction}`, `experiment_id ${direction}`];
}

export function experimentViewType(view: ExperimentLifecycleView): ViewType {
  return VIEW_TYPES[view];
}

/** The list API's query for one page of a view; the server page and the browser both build it here. */
export function experimentListParams(
  view: ExperimentListView,
  pageToken?: string,
): { q?: string; sort: ExperimentSortValue; view: ExperimentLifecycleView; pageToken?: string } {
  return {
    ...(view.q ? { q: view.q } : {}),
    sort: formatExperimentSort(view.sort),
    view: view.view,
    ...(pageToken ? { pageToken } : {}),
  };
}
