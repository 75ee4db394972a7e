import { queryOptions } from "@tanstack/react-query";
import { apiGet } from "@/lib/api-client";
import type { MlflowStatus } from "./schemas";

export const statusQueries = {
  /** Polls quickly while MLflow is unreachable so the UI notices recovery within ~2 s. */
  mlflow: () =>
    queryOptions({
      queryKey: ["status", "mlflow"] as const,
      queryFn: ({ signal }) => apiGet<MlflowStatus>("/api/status", undefined, signal),
      staleTime: 0,
      refetchInterval: (query) =>
        query.state.data?.reachable === false || query.state.status === "error" ? 2_000 : 10_000,
      refetchIntervalInBackground: false,
    }),
};
