import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiPost } from "@/lib/api-client";
import type { RunSearchRequest, RunSearchResult } from "./schemas";

export const runQueries = {
  all: () => ["runs"] as const,
  search: (request: RunSearchRequest) =>
    queryOptions({
      queryKey: [...runQueries.all(), "search", request] as const,
      queryFn: ({ signal }) => apiPost<RunSearchResult>("/api/runs/search", request, signal),
      // A new filter or sort keeps the last rows on screen until the new ones arrive.
      placeholderData: keepPreviousData,
      // While a run is RUNNING the view refreshes: every 2 s at first, backing off to 30 s.
      refetchInterval: (query) =>
        query.state.data?.runs.some((run) => run.status === "RUNNING")
          ? Math.min(30_000, 2_000 * 1.5 ** Math.max(0, query.state.dataUpdateCount - 1))
          : false,
    }),
};
