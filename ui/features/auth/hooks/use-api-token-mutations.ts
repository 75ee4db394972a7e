"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPost, apiSend } from "@/lib/api-client";
import { apiTokenQueries } from "../queries";
import type { ApiTokenSummary, CreateApiTokenBody, CreatedApiToken } from "../schemas";

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiTokenBody) => apiPost<CreatedApiToken>("/api/tokens", body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiTokenQueries.all() }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiSend<ApiTokenSummary>("DELETE", `/api/tokens/${encodeURIComponent(id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiTokenQueries.all() }),
  });
}
