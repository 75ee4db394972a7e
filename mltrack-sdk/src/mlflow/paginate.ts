import type { Page } from "./types";

/**
 * Walks `page_token` until MLflow stops returning one, yielding items as pages arrive.
 * The token is opaque and echoed verbatim; a repeated token ends the walk instead of looping.
 */
export async function* paginate<T>(fetchPage: (pageToken: string | undefined) => Promise<Page<T>>): AsyncGenerator<T> {
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetchPage(token);
    yield* page.items;
    token = page.nextPageToken;
    if (token !== undefined) {
      if (seen.has(token)) return;
      seen.add(token);
    }
  } while (token);
}

/** Gathers an async iterable into an array, stopping after `limit` items if given. */
export async function collect<T>(items: AsyncIterable<T>, limit = Infinity): Promise<T[]> {
  const out: T[] = [];
  if (limit <= 0) return out;
  for await (const item of items) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}
