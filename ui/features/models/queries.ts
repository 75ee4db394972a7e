import { queryOptions } from "@tanstack/react-query";
import { apiGet } from "@/lib/api-client";
import type { RegisteredModelDetail } from "./schemas";

export const modelQueries = {
  all: () => ["registered-models"] as const,
  detail: (name: string) =>
    queryOptions({
      queryKey: [...modelQueries.all(), "detail", name] as const,
      queryFn: ({ signal }) => apiGet<RegisteredModelDetail>("/api/registered-models/detail", { name }, signal),
    }),
};
