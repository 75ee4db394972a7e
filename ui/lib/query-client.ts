/**
 * TanStack Query defaults shared by the server (one client per request) and the browser (one per tab):
 * a real staleTime, no retries on the server, on 4xx or when MLflow is unreachable, and pending
 * queries dehydrated for streaming.
 */
import { QueryClient, defaultShouldDehydrateQuery, isServer } from "@tanstack/react-query";
import { ApiError } from "./api-client";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => !isServer && failureCount < 2 && shouldRetry(error),
      },
      dehydrate: {
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
    },
  });
}

/**
 * A 4xx will not change by asking again; a 503 means the server already retried MLflow and could not
 * reach it, and the status banner says when it is back, so the page shows the error at once.
 */
export function shouldRetry(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return !(error.status >= 400 && error.status < 500) && error.status !== 503;
}

let browserQueryClient: QueryClient | undefined;

export function getBrowserQueryClient(): QueryClient {
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
