import { queryOptions } from "@tanstack/react-query";
import { apiPost } from "@/lib/api-client";
import type { CompareRunsResponse, MetricSummariesResponse } from "./schemas";

export const compareQueries = {
  all: () => ["compare"] as const,
  runs: (runIds: readonly string[]) =>
    queryOptions({
      queryKey: [...compareQueries.all(), "runs", runIds] as const,
      queryFn: ({ signal }) => apiPost<CompareRunsResponse>("/api/compare/runs", { runIds }, signal),
    }),
  /** Min, max and best steps over full histories: a separate, slower read than the runs themselves. */
  metricSummaries: (runIds: readonly string[]) =>
    queryOptions({
      queryKey: [...compareQueries.all(), "metric-summaries", runIds] as const,
      queryFn: ({ signal }) => apiPost<MetricSummariesResponse>("/api/compare/metric-summaries", { runIds }, signal),
    }),
};
