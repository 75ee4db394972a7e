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
    }),
};
