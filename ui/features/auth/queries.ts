import { queryOptions } from "@tanstack/react-query";
import { apiGet } from "@/lib/api-client";
import type { ApiTokenList } from "./schemas";

export const apiTokenQueries = {
  all: () => ["api-tokens"] as const,
  list: () =>
    queryOptions({
      queryKey: [...apiTokenQueries.all(), "list"] as const,
      queryFn: ({ signal }) => apiGet<ApiTokenList>("/api/tokens", undefined, signal),
    }),
};
