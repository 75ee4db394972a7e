"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MLFLOW_TAGS } from "mltrack-sdk/tags";
import { toast } from "sonner";
import { apiSend } from "@/lib/api-client";
import { experimentQueries } from "../queries";
import type { CreateExperimentBody, ExperimentDetail, RenameExperimentBody, SetExperimentTagBody } from "../schemas";

const path = (experimentId: string, tail = "") => `/api/experiments/${encodeURIComponent(experimentId)}${tail}`;

/** After any change: every list (names, order and membership may change) and the changed experiment. */
export function useInvalidateExperimentQueries() {
  const queryClient = useQueryClient();
  return (detail?: ExperimentDetail) => {
    if (detail) queryClient.setQueryData(experimentQueries.detail(detail.experimentId).queryKey, detail);
    return queryClient.invalidateQueries({ queryKey: experimentQueries.all() });
  };
}

function failed(what: string) {
  return (error: Error) => toast.error(`Could not ${what}`, { description: error.message });
}

export function useCreateExperiment() {
  const invalidate = useInvalidateExperimentQueries();
  return useMutation({
    mutationFn: (body: CreateExperimentBody) => apiSend<ExperimentDetail>("POST", "/api/experiments", body),
    onSuccess: async (detail) => {
      toast.success(`Created experiment "${detail.name}"`);
      await invalidate(detail);
    },
  });
}

export function useRenameExperiment() {
  const invalidate = useInvalidateExperimentQueries();
  return useMutation({
    mutationFn: ({ experimentId, ...body }: RenameExperimentBody & { experimentId: string }) =>
      apiSend<ExperimentDetail>("PATCH", path(experimentId), body),
    onSuccess: async (detail) => {
      toast.success(`Renamed to "${detail.name}"`);
      await invalidate(detail);
    },
  });
}

export function useRestoreExperiment() {
  const invalidate = useInvalidateExperimentQueries();
  return useMutation({
    mutationFn: (experimentId: string) => apiSend<ExperimentDetail>("POST", path(experimentId, "/restore")),
    onSuccess: async (detail) => {
      toast.success(`Restored "${detail.name}"`);
      await invalidate(detail);
    },
    onError: failed("restore the experiment"),
  });
}

/** Soft delete; the toast offers to undo it. Keep this hook in a component that outlives the dialog. */
export function useDeleteExperiment() {
  const invalidate = useInvalidateExperimentQueries();
  const restore = useRestoreExperiment();
  return useMutation({
    mutationFn: (experimentId: string) => apiSend<ExperimentDetail>("DELETE", path(experimentId)),
    onSuccess: async (detail) => {
      toast.success(`Deleted "${detail.name}"`, {
        description: "It is kept with its runs and can be restored from the Deleted view.",
        action: { label: "Restore", onClick: () => restore.mutate(detail.experimentId) },
      });
      await invalidate(detail);
    },
    onError: failed("delete the experiment"),
  });
}

/**
 * Setting or deleting a tag (the description is the tag `mlflow.note.content`) shows at once; the
 * server's answer replaces the guess, and a failure puts the experiment back as it was.
 */
function useTagMutation<V>(
  experimentId: string,
  options: {
    send: (vars: V) => Promise<ExperimentDetail>;
    apply: (detail: ExperimentDetail, vars: V) => ExperimentDetail;
    what: (vars: V) => string;
    done: (vars: V, before: ExperimentDetail | undefined) => void;
  },
) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateExperimentQueries();
  const { queryKey } = experimentQueries.detail(experimentId);
  return useMutation({
    mutationFn: options.send,
    onMutate: async (vars: V) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData(queryKey);
      if (previous) queryClient.setQueryData(queryKey, options.apply(previous, vars));
      return { previous };
    },
    onError: (error: Error, vars, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
      toast.error(`Could not ${options.what(vars)}`, { description: error.message });
    },
    onSuccess: async (detail, vars, context) => {
      options.done(vars, context.previous);
      await invalidate(detail);
    },
  });
}

const NOTE = MLFLOW_TAGS.note;

function withTag(detail: ExperimentDetail, key: string, value: string | undefined): ExperimentDetail {
  if (key === NOTE) return { ...detail, description: value ?? "" };
  const tags = detail.tags.filter((tag) => tag.key !== key);
  if (value !== undefined) tags.push({ key, value });
  tags.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ...detail, tags };
}

function valueBefore(before: ExperimentDetail | undefined, key: string): string | undefined {
  if (!before) return undefined;
  if (key === NOTE) return before.description || undefined;
  return before.tags.find((tag) => tag.key === key)?.value;
}

export function useSetExperimentTag(experimentId: string) {
  return useTagMutation(experimentId, {
    send: (body: SetExperimentTagBody) => apiSend<ExperimentDetail>("PUT", path(experimentId, "/tags"), body),
    apply: (detail, body) => withTag(detail, body.key, body.value),
    what: (body) => (body.key === NOTE ? "save the description" : `save the tag "${body.key}"`),
    done: (body) => toast.success(body.key === NOTE ? "Saved the description" : `Saved the tag "${body.key}"`),
  });
}

/** Deleting offers Undo, which sets the old value again. */
export function useDeleteExperimentTag(experimentId: string) {
  const set = useSetExperimentTag(experimentId);
  return useTagMutation(experimentId, {
    send: (key: string) =>
      apiSend<ExperimentDetail>("DELETE", path(experimentId, `/tags?key=${encodeURIComponent(key)}`)),
    apply: (detail, key) => withTag(detail, key, undefined),
    what: (key) => (key === NOTE ? "clear the description" : `delete the tag "${key}"`),
    done: (key, before) => {
      const old = valueBefore(before, key);
      toast.success(key === NOTE ? "Cleared the description" : `Deleted the tag "${key}"`, {
        ...(old !== undefined ? { action: { label: "Undo", onClick: () => set.mutate({ key, value: old }) } } : {}),
      });
    },
  });
}
