/**
 * What a run's page sends and receives beyond `RunDetail` itself: its mutations' bodies, checked the
 * same way in the browser (to show the error beside the field) and in the route (to refuse bad input),
 * and the LLM usage the page summarises.
 */
import { z } from "zod";
import { MLFLOW_TAGS } from "mltrack-sdk/tags";
import { EntityKey, LIMITS } from "mltrack-sdk/validation";

/** MLflow stores a run's name in a 250-character column (`runs.name`). */
export const RUN_NAME_MAX_LENGTH = 250;

/** `mlflow.*` tags are MLflow's own: the page shows them but edits only the name and the note. */
export const SYSTEM_TAG_PREFIX = "mlflow.";

/** `/api/runs/[runId]/…`: MLflow run ids are 32 hex digits; anything word-like is passed on for MLflow to judge. */
export const RunIdParams = z.object({ runId: z.string().regex(/^[\w-]{1,256}$/, "not a run id") });

export const RunName = z
  .string()
  .trim()
  .min(1, "A run name cannot be empty")
  .max(RUN_NAME_MAX_LENGTH, `At most ${RUN_NAME_MAX_LENGTH} characters (MLflow's limit)`);

export const UserTagKey = z
  .string()
  .min(1, "Enter a key")
  .max(LIMITS.entityKeyLength, `At most ${LIMITS.entityKeyLength} characters (MLflow's limit)`)
  .refine((key) => !key.startsWith(SYSTEM_TAG_PREFIX), `Keys starting with "${SYSTEM_TAG_PREFIX}" are MLflow's own`)
  .pipe(EntityKey);

export const TagValueText = z
  .string()
  .max(LIMITS.tagValueLength, `At most ${LIMITS.tagValueLength} characters (MLflow's limit)`);

export const RenameRunBody = z.object({ runName: RunName }).strict();
export type RenameRunBody = z.input<typeof RenameRunBody>;

export const SetRunTagBody = z.object({ key: UserTagKey, value: TagValueText }).strict();
export type SetRunTagBody = z.input<typeof SetRunTagBody>;

export const DeleteRunTagQuery = z.object({ key: UserTagKey }).strict();

/** The run's description, `mlflow.note.content`; empty removes it. */
export const SetRunNoteBody = z.object({ content: TagValueText }).strict();
export type SetRunNoteBody = z.input<typeof SetRunNoteBody>;

/** Mutations answer with nothing: the page refetches the run. */
export const RunMutationResult = z.object({}).strict();

export const NOTE_TAG = MLFLOW_TAGS.note;

/** The first problem with `value` under `schema`, as a sentence for the field, or null. */
export function fieldError(schema: z.ZodType, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? "Invalid value");
}

/** Token counts and cost summed over metric histories; null where the metric was never logged. */
export const LlmTotals = z
  .object({
    promptTokens: z.number().nullable(),
    completionTokens: z.number().nullable(),
    totalTokens: z.number().nullable(),
    costUsd: z.number().nullable(),
    /** Points left out of the sums because they were NaN or infinite. */
    nonFinitePoints: z.number().int().nonnegative(),
  })
  .strict();
export type LlmTotals = z.infer<typeof LlmTotals>;

/** An LLM run's usage: its own totals and, with child runs, theirs combined and the sum of both. */
export const RunLlmUsage = z
  .object({
    provider: z.string().nullable(),
    model: z.string().nullable(),
    /** The run's own totals. */
    totals: LlmTotals,
    children: z
      .object({
        /** Child runs whose histories were summed (the listed ones, at most `CHILD_LIMIT`). */
        runCount: z.number().int().nonnegative(),
        /** True when the run has more child runs than were summed. */
        truncated: z.boolean(),
        totals: LlmTotals,
        /** The run's own totals plus its child runs'. */
        includingChildren: LlmTotals,
      })
      .strict()
      .nullable(),
  })
  .strict();
export type RunLlmUsage = z.infer<typeof RunLlmUsage>;

/** An experiment's LLM usage: every LLM run's totals added up. */
export const ExperimentLlmUsage = z
  .object({
    /** LLM runs summed (tagged `mltrack.category = llm`, or logging `llm.*` metrics). */
    runCount: z.number().int().nonnegative(),
    /** True when the experiment has more LLM runs than were summed (the newest are). */
    truncated: z.boolean(),
    totals: LlmTotals,
  })
  .strict();
export type ExperimentLlmUsage = z.infer<typeof ExperimentLlmUsage>;
