"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { apiSend, toSearchParams } from "@/lib/api-client";
import { modelQueries } from "../queries";
import type {
  DeleteModelAliasQuery,
  DeleteRegistryTagQuery,
  RegisteredModelDetail,
  SetModelAliasBody,
  SetRegistryTagBody,
  UpdateDescriptionBody,
} from "../schemas";

/** After any change: the model's page takes MLflow's answer, and every list (aliases, tags, order) refetches. */
export function useInvalidateModelQueries() {
  const queryClient = useQueryClient();
  return (detail?: RegisteredModelDetail) => {
    if (detail) queryClient.setQueryData(modelQueries.detail(detail.name).queryKey, detail);
    return queryClient.invalidateQueries({ queryKey: modelQueries.lists() });
  };
}

function useModelMutation<V>(
  send: (vars: V) => Promise<RegisteredModelDetail>,
  what: (vars: V) => string,
  done: (vars: V) => string,
) {
  const invalidate = useInvalidateModelQueries();
  return useMutation({
    mutationFn: send,
    onSuccess: async (detail, vars) => {
      toast.success(done(vars));
      await invalidate(detail);
    },
    onError: (error: Error, vars) => toast.error(`Could not ${what(vars)}`, { description: error.message }),
  });
}

const onVersion = (version: string | number | undefined) => (version ? ` on version ${version}` : "");

export function useSetModelAlias() {
  return useModelMutation(
    (body: SetModelAliasBody) => apiSend<RegisteredModelDetail>("PUT", "/api/registered-models/aliases", body),
    (body) => `set the alias @${body.alias}`,
    (body) => `@${body.alias} now points at version ${body.version}`,
  );
}

export function useDeleteModelAlias() {
  return useModelMutation(
    (query: DeleteModelAliasQuery) =>
      apiSend<RegisteredModelDetail>("DELETE", `/api/registered-models/aliases${toSearchParams({ ...query })}`),
    (query) => `delete the alias @${query.alias}`,
    (query) => `Deleted the alias @${query.alias}`,
  );
}

export function useSetRegistryTag() {
  return useModelMutation(
    (body: SetRegistryTagBody) => apiSend<RegisteredModelDetail>("PUT", "/api/registered-models/tags", body),
    (body) => `save the tag "${body.key}"${onVersion(body.version)}`,
    (body) => `Saved the tag "${body.key}"${onVersion(body.version)}`,
  );
}

export function useDeleteRegistryTag() {
  return useModelMutation(
    (query: DeleteRegistryTagQuery) =>
      apiSend<RegisteredModelDetail>(
        "DELETE",
        `/api/registered-models/tags${toSearchParams({ name: query.name, key: query.key, version: query.version === undefined ? undefined : String(query.version) })}`,
      ),
    (query) => `delete the tag "${query.key}"${onVersion(query.version)}`,
    (query) => `Deleted the tag "${query.key}"${onVersion(query.version)}`,
  );
}

export function useUpdateDescription() {
  return useModelMutation(
    (body: UpdateDescriptionBody) => apiSend<RegisteredModelDetail>("PUT", "/api/registered-models/description", body),
    (body) => `save the description${onVersion(body.version)}`,
    (body) => `Saved the description${onVersion(body.version)}`,
  );
}
