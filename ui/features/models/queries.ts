import { infiniteQueryOptions, keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiGet } from "@/lib/api-client";
import type { RegisteredModelDetail, RegisteredModelListPage } from "./schemas";
import { modelListParams, type ModelListView } from "./search-params";

/** Keys live under "registered-models", the root the register dialog invalidates too. */
export const modelQueries = {
  all: () => ["registered-models"] as const,
  lists: () => [...modelQueries.all(), "list"] as const,
  list: (view: ModelListView) =>
    infiniteQueryOptions({
      queryKey: [...modelQueries.lists(), view] as const,
      queryFn: ({ pageParam, signal }) =>
        apiGet<RegisteredModelListPage>("/api/registered-models", modelListParams(view, pageParam), signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextPageToken,
      // A new search keeps the last rows on screen until the new ones arrive.
      placeholderData: keepPreviousData,
    }),
  detail: (name: string) =>
    queryOptions({
      queryKey: [...modelQueries.all(), "detail", name] as const,
      queryFn: ({ signal }) => apiGet<RegisteredModelDetail>("/api/registered-models/detail", { name }, signal),
    }),
};
