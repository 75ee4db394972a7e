import { queryOptions } from "@tanstack/react-query";
import { apiGet } from "@/lib/api-client";
import type { MlflowStatus } from "./schemas";

/**
 * Polled every second while the tab is visible, so the banner appears within 2 s of MLflow going away
 * (1 s interval + at most 1 s to connect) and clears as soon as it answers again. The server
 * coalesces these checks (see mlflow-status.ts), so many open tabs cost MLflow about 2 requests/s.
 */
export const STATUS_POLL_MS = 1_000;

export const statusQueries = {
  mlflow: () =>
    queryOptions({
      queryKey: ["status", "mlflow"] as const,
      queryFn: ({ signal }) => apiGet<MlflowStatus>("/api/status", undefined, signal),
      staleTime: 0,
      retry: false,
      refetchInterval: STATUS_POLL_MS,
      refetchIntervalInBackground: false,
    }),
};
