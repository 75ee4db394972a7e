"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPost } from "@/lib/api-client";
import { registeredModelQueries } from "../queries";
import type { RegisterModelRequest, RegisterModelResult } from "../schemas";

/** Registers a model version; the registered model names offered next time include the new one. */
export function useRegisterModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RegisterModelRequest) =>
      apiPost<RegisterModelResult>("/api/registered-models/versions", request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registeredModelQueries.all() }),
  });
}
