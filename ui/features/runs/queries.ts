import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiGet, apiPost } from "@/lib/api-client";
import type { RunDetail, RunSearchRequest, RunSearchResult } from "./schemas";

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
  detail: (runId: string) =>
    queryOptions({
      queryKey: [...runQueries.all(), "detail", runId] as const,
      queryFn: ({ signal }) => apiGet<RunDetail>(`/api/runs/${encodeURIComponent(runId)}`, undefined, signal),
      // A running run's page follows it: status, latest metrics and new tags every 5 s.
      refetchInterval: (query) => (query.state.data?.status === "RUNNING" ? 5_000 : false),
    }),
};
