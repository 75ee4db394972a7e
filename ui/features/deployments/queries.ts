import { queryOptions } from "@tanstack/react-query";
import type { Deployment } from "mltrack-sdk/deploy-config";
import { toSearchParams } from "@/lib/api-client";
import { deployFetch } from "./api";
import type { DeploymentList, DeploymentLogs, InvokeExample, InvokeStats, RunModelVersions } from "./schemas";
import { pollIntervalOf } from "./status";

const base = (id: string) => `/api/deployments/${encodeURIComponent(id)}`;

export const deploymentQueries = {
  all: () => ["deployments"] as const,
  list: (model: string | undefined) =>
    queryOptions({
      queryKey: [...deploymentQueries.all(), "list", model ?? null] as const,
      queryFn: ({ signal }) => deployFetch<DeploymentList>(`/api/deployments${toSearchParams({ model })}`, { signal }),
      refetchInterval: (query) =>
        query.state.data?.deployments.some((d) => pollIntervalOf(d.status) === 1000) ? 2000 : 30_000,
    }),
  /** The record, read again every second while the engine works on it (each status change shows). */
  detail: (id: string) =>
    queryOptions({
      queryKey: [...deploymentQueries.all(), "detail", id] as const,
      queryFn: ({ signal }) => deployFetch<Deployment>(base(id), { signal }),
      refetchInterval: (query) => pollIntervalOf(query.state.data?.status),
      staleTime: 0,
    }),
  logs: (id: string, live: boolean) =>
    queryOptions({
      queryKey: [...deploymentQueries.all(), "logs", id] as const,
      queryFn: ({ signal }) => deployFetch<DeploymentLogs>(`${base(id)}/logs`, { signal }),
      refetchInterval: live ? 2000 : false,
      staleTime: 0,
    }),
  invokeStats: (id: string) =>
    queryOptions({
      queryKey: [...deploymentQueries.all(), "invoke-stats", id] as const,
      queryFn: ({ signal }) => deployFetch<InvokeStats>(`${base(id)}/invoke-stats`, { signal }),
      staleTime: 0,
    }),
  invokeExample: (id: string) =>
    queryOptions({
      queryKey: [...deploymentQueries.all(), "invoke-example", id] as const,
      queryFn: ({ signal }) => deployFetch<InvokeExample>(`${base(id)}/invoke-example`, { signal }),
      staleTime: Infinity,
    }),
  /** Registered model versions whose source is this run: what its Deploy button offers. */
  runModelVersions: (runId: string) =>
    queryOptions({
      queryKey: [...deploymentQueries.all(), "run-model-versions", runId] as const,
      queryFn: ({ signal }) =>
        deployFetch<RunModelVersions>(`/api/deployments/run-model-versions${toSearchParams({ runId })}`, { signal }),
      staleTime: 30_000,
    }),
};
