/**
 * TanStack Query defaults shared by the server (one client per request) and the browser (one per tab):
 * a real staleTime, no retries on the server or on 4xx, and pending queries dehydrated for streaming.
 */
import { QueryClient, defaultShouldDehydrateQuery, isServer } from "@tanstack/react-query";
import { ApiError } from "./api-client";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) =>
          !isServer && !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
      dehydrate: {
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

export function getBrowserQueryClient(): QueryClient {
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
