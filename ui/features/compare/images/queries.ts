import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiPost } from "@/lib/api-client";
import type { CompareImagesResponse } from "./schemas";

export const compareImageQueries = {
  all: () => ["compare", "images"] as const,
  /** Listings change while runs log images: kept a minute, then read again. */
  steps: (runIds: readonly string[], path: string | null) =>
    queryOptions({
      queryKey: [...compareImageQueries.all(), runIds, path] as const,
      queryFn: ({ signal }) => apiPost<CompareImagesResponse>("/api/compare/images", { runIds, path }, signal),
      staleTime: 60_000,
      // Another folder keeps the current images (and the folder picker) on screen until it is listed.
      placeholderData: keepPreviousData,
    }),
};
