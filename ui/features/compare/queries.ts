import { queryOptions } from "@tanstack/react-query";
import { apiPost } from "@/lib/api-client";
import type { CompareRunsResponse } from "./schemas";

export const compareQueries = {
  all: () => ["compare"] as const,
  runs: (runIds: readonly string[]) =>
    queryOptions({
      queryKey: [...compareQueries.all(), "runs", runIds] as const,
      queryFn: ({ signal }) => apiPost<CompareRunsResponse>("/api/compare/runs", { runIds }, signal),
    }),
};
