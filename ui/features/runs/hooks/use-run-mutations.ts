"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MLFLOW_TAGS } from "mltrack-sdk/tags";
import { useCallback } from "react";
import { toast } from "sonner";
import { apiSend, toSearchParams } from "@/lib/api-client";
import { runQueries } from "../queries";
import type { RenameRunBody, SetRunNoteBody, SetRunTagBody } from "../run-detail-schemas";
import type { RunDetail } from "../schemas";

/** After a run changes: its page and every runs table showing it (`runQueries.all()` covers both). */
export function useInvalidateRunQueries() {
  const queryClient = useQueryClient();
  return useCallback(
    (runId: string) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: runQueries.detail(runId).queryKey }),
        queryClient.invalidateQueries({ queryKey: runQueries.all() }),
      ]),
    [queryClient],
  );
}

interface RunMutationConfig<V> {
  send: (runId: string, variables: V) => Promise<unknown>;
  /** The run as it will be once MLflow agrees: shown at once, rolled back on failure. */
  optimistic: (run: RunDetail, variables: V) => RunDetail;
  /** What failed, for the error toast. */
  failure: (variables: V) => string;
}

function useRunMutation<V>(runId: string, config: RunMutationConfig<V>) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRunQueries();
  const { queryKey } = runQueries.detail(runId);
  return useMutation({
    mutationFn: (variables: V) => config.send(runId, variables),
    onMutate: async (variables: V) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData(queryKey);
      if (previous) queryClient.setQueryData(queryKey, config.optimistic(previous, variables));
      return { previous };
    },
    onError: (error, variables, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
      toast.error(config.failure(variables), { description: error.message });
    },
    onSettled: () => invalidate(runId),
  });
}

const runPath = (runId: string, tail = "") => `/api/runs/${encodeURIComponent(runId)}${tail}`;

/** Tags sorted by key, as `RunDetail` keeps them, with `key` set to `value` (or removed when null). */
function withTag(tags: RunDetail["tags"], key: string, value: string | null): RunDetail["tags"] {
  const rest = tags.filter((tag) => tag.key !== key);
  if (value === null) return rest;
  return [...rest, { key, value }].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function useRenameRun(runId: string) {
  return useRunMutation<RenameRunBody>(runId, {
    send: (id, body) => apiSend("PATCH", runPath(id), body),
    optimistic: (run, { runName }) => ({
      ...run,
      runName: runName.trim(),
      tags: withTag(run.tags, MLFLOW_TAGS.runName, runName.trim()),
    }),
    failure: () => "Could not rename the run",
  });
}

export function useDeleteRun(runId: string) {
  return useRunMutation<void>(runId, {
    send: (id) => apiSend("DELETE", runPath(id)),
    optimistic: (run) => ({ ...run, lifecycleStage: "deleted" }),
    failure: () => "Could not delete the run",
  });
}

export function useRestoreRun(runId: string) {
  return useRunMutation<void>(runId, {
    send: (id) => apiSend("POST", runPath(id, "/restore")),
    optimistic: (run) => ({ ...run, lifecycleStage: "active" }),
    failure: () => "Could not restore the run",
  });
}

export function useSetRunTag(runId: string) {
  return useRunMutation<SetRunTagBody>(runId, {
    send: (id, body) => apiSend("PUT", runPath(id, "/tags"), body),
    optimistic: (run, { key, value }) => ({ ...run, tags: withTag(run.tags, key, value) }),
    failure: ({ key }) => `Could not save the tag "${key}"`,
  });
}

export function useDeleteRunTag(runId: string) {
  return useRunMutation<string>(runId, {
    send: (id, key) => apiSend("DELETE", runPath(id, `/tags${toSearchParams({ key })}`)),
    optimistic: (run, key) => ({ ...run, tags: withTag(run.tags, key, null) }),
    failure: (key) => `Could not delete the tag "${key}"`,
  });
}

export function useSetRunNote(runId: string) {
  return useRunMutation<SetRunNoteBody>(runId, {
    send: (id, body) => apiSend("PUT", runPath(id, "/note"), body),
    optimistic: (run, { content }) => ({
      ...run,
      note: content,
      tags: withTag(run.tags, MLFLOW_TAGS.note, content === "" ? null : content),
    }),
    failure: () => "Could not save the description",
  });
}
