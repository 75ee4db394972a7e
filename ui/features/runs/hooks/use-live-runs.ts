"use client";

import { useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { apiPost } from "@/lib/api-client";
import { liveTargets, mergeLiveRuns } from "../live-merge";
import { PAGE_SIZE, runQueries } from "../queries";
import type { RunCursor, RunSearchRequest, RunSearchResult } from "../schemas";

type Pages = InfiniteData<RunSearchResult, RunCursor | null>;

interface LiveState {
  /** Unfinished runs in the view after the last refresh. */
  running: number;
  /** Refreshes in a row that changed nothing: the poll backs off with them. */
  quiet: number;
}

/** While runs are unfinished: every 2 s, backing off to 30 s while nothing changes. Otherwise new runs every 15 s. */
export function liveInterval(state: LiveState | undefined): number {
  if (!state) return 2_000;
  if (state.running === 0) return 15_000;
  return Math.min(30_000, 2_000 * 1.5 ** state.quiet);
}

/**
 * Keeps a loaded runs view current without reloading it: polls MLflow for the view's unfinished runs
 * and for runs started since the newest one loaded, and folds what changed into the loaded pages.
 */
export function useLiveRuns(request: RunSearchRequest, enabled: boolean) {
  const queryClient = useQueryClient();
  const listKey = runQueries.list(request).queryKey;
  const liveKey = runQueries.live(request);
  return useQuery<LiveState>({
    queryKey: liveKey,
    enabled,
    refetchInterval: (query) => liveInterval(query.state.data),
    refetchOnWindowFocus: true,
    queryFn: async ({ signal }): Promise<LiveState> => {
      const before = queryClient.getQueryData<Pages>(listKey);
      const previous = queryClient.getQueryData<LiveState>(liveKey);
      if (!before) return { running: 0, quiet: 0 };
      const targets = liveTargets(before.pages.flatMap((page) => page.runs));
      const result = await apiPost<RunSearchResult>(
        "/api/runs/search",
        { ...request, pageSize: PAGE_SIZE, live: targets },
        signal,
      );
      if (result.overflow) {
        // More new runs than a refresh carries: load the view again.
        await queryClient.resetQueries({ queryKey: listKey, exact: true });
        return { running: 0, quiet: 0 };
      }
      // Pages may have arrived while this refresh was in flight: merge into what is there now.
      const current = queryClient.getQueryData<Pages>(listKey) ?? before;
      const { data, changed } = mergeLiveRuns(current, result.runs);
      if (changed) queryClient.setQueryData<Pages>(listKey, data as Pages);
      const running = liveTargets(data.pages.flatMap((page) => page.runs)).runIds.length;
      return { running, quiet: changed ? 0 : (previous?.quiet ?? 0) + 1 };
    },
  });
}
