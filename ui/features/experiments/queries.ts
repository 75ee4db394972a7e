import { infiniteQueryOptions, keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiGet } from "@/lib/api-client";
import type { ExperimentDetail, ExperimentListPage } from "./schemas";
import { experimentListParams, type ExperimentListView } from "./search-params";

export const experimentQueries = {
  all: () => ["experiments"] as const,
  lists: () => [...experimentQueries.all(), "list"] as const,
  list: (view: ExperimentListView) =>
    infiniteQueryOptions({
      queryKey: [...experimentQueries.lists(), view] as const,
      queryFn: ({ pageParam, signal }) =>
        apiGet<ExperimentListPage>("/api/experiments", experimentListParams(view, pageParam), signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextPageToken,
      // A new search, sort or view keeps the last rows on screen until the new ones arrive.
      placeholderData: keepPreviousData,
    }),
  details: () => [...experimentQueries.all(), "detail"] as const,
  detail: (experimentId: string) =>
    queryOptions({
      queryKey: [...experimentQueries.details(), experimentId] as const,
      queryFn: ({ signal }) =>
        apiGet<ExperimentDetail>(`/api/experiments/${encodeURIComponent(experimentId)}`, undefined, signal),
    }),
};
