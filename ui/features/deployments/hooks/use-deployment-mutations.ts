"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Deployment, DeployRequestInput } from "mltrack-sdk/deploy-config";
import { deployFetch, type DeployApiError, type InvokeResult } from "../api";
import { deploymentQueries } from "../queries";
import { INVOKE_LATENCY_HEADER, INVOKE_UPSTREAM_HEADER, INVOKE_UPSTREAM_TYPE_HEADER } from "../schemas";

const base = (id: string) => `/api/deployments/${encodeURIComponent(id)}`;

function useOnRecord() {
  const queryClient = useQueryClient();
  return (deployment: Deployment) => {
    queryClient.setQueryData(deploymentQueries.detail(deployment.id).queryKey, deployment);
    return queryClient.invalidateQueries({ queryKey: [...deploymentQueries.all(), "list"] });
  };
}

/** Deploys a version; the engine answers with the record at once, and the dialog follows it. */
export function useCreateDeployment() {
  const onRecord = useOnRecord();
  return useMutation<Deployment, DeployApiError, DeployRequestInput>({
    mutationFn: (request) => deployFetch<Deployment>("/api/deployments", { method: "POST", body: request }),
    onSuccess: onRecord,
  });
}

export function useUndeploy(id: string) {
  const onRecord = useOnRecord();
  return useMutation<Deployment, DeployApiError>({
    mutationFn: () => deployFetch<Deployment>(base(id), { method: "DELETE" }),
    onSuccess: onRecord,
  });
}

export function useRedeploy(id: string) {
  const onRecord = useOnRecord();
  return useMutation<Deployment, DeployApiError, string>({
    mutationFn: (modelVersion) =>
      deployFetch<Deployment>(`${base(id)}/redeploy`, { method: "POST", body: { modelVersion } }),
    onSuccess: onRecord,
  });
}

export function useSetWeights(id: string) {
  const onRecord = useOnRecord();
  return useMutation<Deployment, DeployApiError, Record<string, number>>({
    mutationFn: (weights) => deployFetch<Deployment>(`${base(id)}/weights`, { method: "POST", body: { weights } }),
    onSuccess: onRecord,
  });
}

/** A test call through MLTrack's invoke route; the scoring server's answer, 4xx included, is a result. */
export function useInvoke(id: string) {
  const queryClient = useQueryClient();
  return useMutation<InvokeResult, Error, { body: string; contentType: string }>({
    mutationFn: async ({ body, contentType }) => {
      const res = await fetch(`${base(id)}/invoke`, { method: "POST", headers: { "content-type": contentType }, body });
      const text = await res.text();
      const upstream = res.headers.get(INVOKE_UPSTREAM_HEADER);
      const latency = res.headers.get(INVOKE_LATENCY_HEADER);
      return {
        status: res.status,
        fromModel: upstream !== null,
        contentType: res.headers.get(INVOKE_UPSTREAM_TYPE_HEADER) ?? res.headers.get("content-type") ?? "",
        body: text,
        latencyMs: latency !== null ? Number(latency) : null,
      };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: deploymentQueries.invokeStats(id).queryKey }),
  });
}
