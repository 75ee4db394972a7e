import type { RunRow, RunSearchResult } from "./schemas";

/** The loaded pages of a runs view, as TanStack Query keeps them. */
export interface LoadedPages {
  pages: RunSearchResult[];
  pageParams: unknown[];
}

const TERMINAL = new Set<RunRow["status"]>(["FINISHED", "FAILED", "KILLED"]);

/** What a live refresh needs to ask for: the runs still going, and the newest start time seen. */
export function liveTargets(rows: readonly RunRow[]): { runIds: string[]; startedAfter: number | null } {
  let startedAfter: number | null = null;
  const runIds: string[] = [];
  for (const row of rows) {
    if (!TERMINAL.has(row.status)) runIds.push(row.runId);
    if (row.startTime !== null && (startedAfter === null || row.startTime > startedAfter)) startedAfter = row.startTime;
  }
  return { runIds, startedAfter };
}

function sameRow(a: RunRow, b: RunRow): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Folds a live refresh into the loaded pages: a changed run replaces its row where it stands, a run
 * not loaded yet (new, or now matching the filter) joins the first page, newest first. Unchanged rows
 * and pages keep their identity, so only rows that changed render again; with no change at all the
 * same object comes back.
 */
export function mergeLiveRuns(loaded: LoadedPages, live: readonly RunRow[]): { data: LoadedPages; changed: number } {
  const incoming = new Map(live.map((row) => [row.runId, row]));
  let changed = 0;
  const pages = loaded.pages.map((page) => {
    let touched = false;
    const runs = page.runs.map((row) => {
      const next = incoming.get(row.runId);
      if (!next) return row;
      incoming.delete(row.runId);
      if (sameRow(row, next)) return row;
      touched = true;
      changed++;
      return next;
    });
    return touched ? { ...page, runs } : page;
  });
  if (incoming.size > 0 && pages.length > 0) {
    const added = [...incoming.values()].sort((a, b) => (b.startTime ?? -Infinity) - (a.startTime ?? -Infinity));
    changed += added.length;
    const first = pages[0] as RunSearchResult;
    pages[0] = { ...first, runs: [...added, ...first.runs] };
  }
  return changed === 0 ? { data: loaded, changed } : { data: { ...loaded, pages }, changed };
}
