/**
 * "Name contains this text" as an MLflow search filter (experiments, runs, registered models).
 *
 * MLflow's filter grammar cannot escape a quote, and its ILIKE has no ESCAPE clause, so `%` and `_` are
 * always wildcards. Each character that cannot be said literally (quotes, backticks, backslashes, `%`,
 * `_`) becomes `_`, which matches any one character: MLflow then returns a superset, and
 * `matchesNameQuery` narrows it to names that really contain the text. Nothing the user typed reaches
 * the filter string outside its single quotes.
 */

const UNSAYABLE = /['"`\\%_]/g;

export interface NameFilter {
  /** For MLflow's `filter`, e.g. `name ILIKE '%churn%'`; undefined for an empty search. */
  filter: string | undefined;
  /** True when MLflow's matches must be narrowed by `matchesNameQuery` (the text had wildcards or quotes). */
  narrow: boolean;
}

/** `'%text%'`, with every character MLflow cannot take literally replaced by the one-character wildcard. */
export function ilikePattern(text: string): string {
  return `'%${text.replace(UNSAYABLE, "_")}%'`;
}

/** `<field> ILIKE '%text%'` (`name` for experiments and registered models, `attributes.run_name` for runs). */
export function nameFilter(query: string, field = "name"): NameFilter {
  const text = query.trim();
  if (!text) return { filter: undefined, narrow: false };
  return { filter: `${field} ILIKE ${ilikePattern(text)}`, narrow: new RegExp(UNSAYABLE.source).test(text) };
}

/** Case-insensitive "contains", the literal meaning of the search. */
export function matchesNameQuery(name: string, query: string): boolean {
  return name.toLowerCase().includes(query.trim().toLowerCase());
}
