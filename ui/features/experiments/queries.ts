import { infiniteQueryOptions } from "@tanstack/react-query";
import { apiGet } from "@/lib/api-client";
import type { ExperimentListPage } from "./schemas";

export const experimentQueries = {
  all: () => ["experiments"] as const,
  list: () =>
    infiniteQueryOptions({
      queryKey: [...experimentQueries.all(), "list"] as const,
      queryFn: ({ pageParam, signal }) =>
        apiGet<ExperimentListPage>("/api/experiments", { pageToken: pageParam }, signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextPageToken,
    }),
};
