/**
 * The registry pages' URL state. The models list is `?q=` (name contains, case-insensitive); a model's
 * page is `?version=<n>`, the version highlighted and opened. One parser each, for the server page, the
 * browser and the API alike.
 */

/** Longest name search kept. */
export const MAX_MODEL_QUERY_LENGTH = 256;

export interface ModelListView {
  q: string;
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: Params, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

export function parseModelListView(params: Params): ModelListView {
  return { q: (first(params, "q") ?? "").trim().slice(0, MAX_MODEL_QUERY_LENGTH) };
}

/** The plain list is plain `/models`. */
export function modelListViewSearchParams(view: ModelListView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q.trim()) params.set("q", view.q.trim());
  return params;
}

/** The list API's query for one page of a view. */
export function modelListParams(view: ModelListView, pageToken?: string): { q?: string; pageToken?: string } {
  return { ...(view.q ? { q: view.q } : {}), ...(pageToken ? { pageToken } : {}) };
}

/** `?version=3` → "3"; anything but a positive integer is no selection. */
export function parseSelectedVersion(params: Params): string | null {
  const value = first(params, "version")?.trim();
  return value && /^[1-9]\d{0,9}$/.test(value) ? value : null;
}

/** A model page's URL, optionally opened on one version. */
export function modelHref(name: string, version?: string | null): string {
  const base = `/models/${encodeURIComponent(name)}`;
  return version ? `${base}?version=${encodeURIComponent(version)}` : base;
}

/** The stable anchor id of a version's row. */
export function versionAnchor(version: string): string {
  return `version-${version}`;
}
