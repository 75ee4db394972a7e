import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { apiGet, apiPost } from "@/lib/api-client";
import type { ExperimentLlmUsage } from "./run-detail-schemas";
import type { SavedViewList } from "./saved-views";
import type { RunCursor, RunDetail, RunSearchRequest, RunSearchResult } from "./schemas";

/**
 * The first page is small so it paints at once (MLflow answers 100 runs of a 10,000-run experiment in
 * ~0.3 s, 1,000 in ~3 s); later pages are larger, fewer round trips for the same MLflow time.
 */
export const FIRST_PAGE_SIZE = 100;
export const PAGE_SIZE = 1_000;

/** The request for one page of a view: the first without a cursor, the rest after theirs. */
export function pageRequest(request: RunSearchRequest, cursor: RunCursor | null): RunSearchRequest {
  return cursor ? { ...request, pageSize: PAGE_SIZE, after: cursor } : { ...request, pageSize: FIRST_PAGE_SIZE };
}

export const runQueries = {
  all: () => ["runs"] as const,
  /**
   * A view's runs, page by page (the view keeps loading pages up to its limit). Never stale by time:
   * a live refresh (`live`) folds changes in, so a refetch of thousands of runs is never needed.
   */
  list: (request: RunSearchRequest) =>
    infiniteQueryOptions({
      queryKey: [...runQueries.all(), "list", request] as const,
      queryFn: ({ pageParam, signal }) =>
        apiPost<RunSearchResult>("/api/runs/search", pageRequest(request, pageParam), signal),
      initialPageParam: null as RunCursor | null,
      getNextPageParam: (last) => last.nextCursor,
      staleTime: Infinity,
      refetchOnWindowFocus: false,
    }),
  /** The live refresh of a view (see hooks/use-live-runs.ts). */
  live: (request: RunSearchRequest) => [...runQueries.all(), "live", request] as const,
  /** An experiment's saved runs views (kept in its `mltrack.view.*` tags). */
  views: (experimentId: string) =>
    queryOptions({
      queryKey: [...runQueries.all(), "views", experimentId] as const,
      queryFn: ({ signal }) => apiGet<SavedViewList>(`/api/experiments/${experimentId}/views`, undefined, signal),
    }),
  /** Token and cost totals over an experiment's LLM runs. */
  llmUsage: (experimentId: string) =>
    queryOptions({
      queryKey: [...runQueries.all(), "llm-usage", experimentId] as const,
      queryFn: ({ signal }) =>
        apiGet<ExperimentLlmUsage>(`/api/experiments/${experimentId}/llm-usage`, undefined, signal),
      staleTime: 60_000,
    }),
  detail: (runId: string) =>
    queryOptions({
      queryKey: [...runQueries.all(), "detail", runId] as const,
      queryFn: ({ signal }) => apiGet<RunDetail>(`/api/runs/${encodeURIComponent(runId)}`, undefined, signal),
      // A running run's page follows it: status, latest metrics and new tags every 5 s.
      refetchInterval: (query) => (query.state.data?.status === "RUNNING" ? 5_000 : false),
    }),
};
