import "server-only";
import type { MlflowClient, RegisteredModel } from "mltrack-sdk/mlflow";
import { matchesNameQuery, nameFilter } from "@/lib/name-search";
import { descriptionFirstLine, isPrompt, PROMPT_TAG, visibleRegistryTags } from "../registry-tags";
import { RegisteredModelListQuery, type RegisteredModelListPage, type RegisteredModelSummary } from "../schemas";

/**
 * Models only: MLflow 3.18's registered-model search takes tag filters (`=`, `!=`, LIKE, ILIKE), and
 * treats a missing `mlflow.prompt.is_prompt` as "not a prompt" for `!= 'true'`. Rows are still checked
 * after reading (MLflow's own rule is case-insensitive, its SQL comparison is not).
 */
const NOT_A_PROMPT = `tags.\`${PROMPT_TAG}\` != 'true'`;

/**
 * When rows are dropped after MLflow (prompts tagged "True", a name search MLflow cannot say
 * literally), one request reads at most this many of MLflow's pages to fill a page; the rest come with
 * "Load more".
 */
const MAX_PAGES_PER_REQUEST = 10;

export function toRegisteredModelSummary(model: RegisteredModel): RegisteredModelSummary {
  const aliasesOf = new Map<string, string[]>();
  for (const [alias, version] of Object.entries(model.aliases))
    aliasesOf.set(version, [...(aliasesOf.get(version) ?? []), alias]);
  const latest = [...new Set(model.latestVersions.map((v) => v.version))].sort((a, b) => Number(b) - Number(a));
  return {
    name: model.name,
    description: descriptionFirstLine(model.description),
    lastUpdatedTimestamp: model.lastUpdatedTimestamp,
    latestVersions: latest.map((version) => ({ version, aliases: (aliasesOf.get(version) ?? []).sort() })),
    aliases: Object.entries(model.aliases)
      .map(([alias, version]) => ({ alias, version }))
      .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0)),
    tags: visibleRegistryTags(model.tags),
  };
}

/** MLflow's filter for a list query: the name search (see lib/name-search.ts) and "not a prompt". */
export function registeredModelFilter(q: string): { filter: string; narrow: boolean } {
  const names = nameFilter(q);
  return { filter: names.filter ? `${names.filter} AND ${NOT_A_PROMPT}` : NOT_A_PROMPT, narrow: names.narrow };
}

/** Whether a row MLflow returned belongs on the list. */
export function belongsOnList(model: Pick<RegisteredModel, "name" | "tags">, q: string, narrow: boolean): boolean {
  return !isPrompt(model.tags) && (!narrow || matchesNameQuery(model.name, q));
}

/** One page of registered models (by name), prompts left out, continuing from MLflow's `page_token`. */
export async function listRegisteredModels(
  mlflow: MlflowClient,
  input: RegisteredModelListQuery = {},
  signal?: AbortSignal,
): Promise<RegisteredModelListPage> {
  const query = RegisteredModelListQuery.parse(input);
  const q = (query.q ?? "").trim();
  const { filter, narrow } = registeredModelFilter(q);
  const items: RegisteredModelSummary[] = [];
  let pageToken = query.pageToken;
  for (let read = 0; read < MAX_PAGES_PER_REQUEST; read++) {
    const page = await mlflow.registeredModels.search(
      { filter, orderBy: ["name ASC"], maxResults: query.maxResults, ...(pageToken ? { pageToken } : {}) },
      { signal },
    );
    for (const model of page.items) if (belongsOnList(model, q, narrow)) items.push(toRegisteredModelSummary(model));
    pageToken = page.nextPageToken;
    if (!pageToken || items.length >= query.maxResults) break;
  }
  return pageToken ? { items, nextPageToken: pageToken } : { items };
}
