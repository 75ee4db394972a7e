import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiGet } from "@/lib/api-client";
import type { PaletteResults } from "./schemas";

export const paletteQueries = {
  search: (q: string) =>
    queryOptions({
      queryKey: ["palette", q] as const,
      queryFn: ({ signal }) => apiGet<PaletteResults>("/api/search", { q }, signal),
      staleTime: 10_000,
      // Results of the last search stay while the next loads; the list highlights what matches now.
      placeholderData: keepPreviousData,
    }),
};
