import { LIMITS } from "mltrack-sdk/validation";
import { z } from "zod";
import { EXPERIMENT_SORT_VALUES, EXPERIMENT_VIEWS, MAX_NAME_QUERY_LENGTH } from "./search-params";

/** MLflow's experiment ids in its SQL stores are integers; anything else is refused before MLflow sees it. */
export const ExperimentIdParams = z.object({
  experimentId: z.string().regex(/^\d{1,19}$/, "Experiment ids are numeric"),
});
export type ExperimentIdParams = z.infer<typeof ExperimentIdParams>;

/** GET /api/experiments: one page of the list, in the URL's vocabulary (see search-params.ts). */
export const ExperimentListQuery = z.object({
  q: z.string().max(MAX_NAME_QUERY_LENGTH).optional(),
  sort: z.enum(EXPERIMENT_SORT_VALUES).optional(),
  view: z.enum(EXPERIMENT_VIEWS).optional(),
  pageToken: z.string().min(1).optional(),
  maxResults: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ExperimentListQuery = z.input<typeof ExperimentListQuery>;

/** What the experiments list shows of an experiment, and all the browser receives of it. */
export const ExperimentSummary = z.object({
  experimentId: z.string(),
  name: z.string(),
  lifecycleStage: z.enum(["active", "deleted"]),
  creationTime: z.number().nullable(),
  lastUpdateTime: z.number().nullable(),
  /** First line of the experiment's note (`mlflow.note.content`), at most 200 characters. */
  description: z.string(),
});
export type ExperimentSummary = z.infer<typeof ExperimentSummary>;

export const ExperimentListPage = z.object({
  items: z.array(ExperimentSummary),
  /** MLflow's token for the next page, echoed verbatim; absent on the last page. */
  nextPageToken: z.string().optional(),
});
export type ExperimentListPage = z.infer<typeof ExperimentListPage>;

export const ExperimentTagEntry = z.object({ key: z.string(), value: z.string() });

/** The experiment page's heading: the experiment with its tags grouped (see experiment-tags.ts). */
export const ExperimentDetail = ExperimentSummary.omit({ description: true }).extend({
  artifactLocation: z.string(),
  /** The whole note, Markdown. */
  description: z.string(),
  tags: z.array(ExperimentTagEntry),
  systemTags: z.array(ExperimentTagEntry),
});
export type ExperimentDetail = z.infer<typeof ExperimentDetail>;

const ExperimentNameInput = z
  .string()
  .trim()
  .min(1, "Enter a name")
  .max(LIMITS.experimentNameLength, `Names are at most ${LIMITS.experimentNameLength} characters`);

const TagValueInput = z
  .string()
  .max(LIMITS.experimentTagValueLength, `Values are at most ${LIMITS.experimentTagValueLength} characters`);

/** POST /api/experiments. The description becomes `mlflow.note.content`; no artifact location = MLflow's default. */
export const CreateExperimentBody = z.object({
  name: ExperimentNameInput,
  description: TagValueInput.optional(),
  artifactLocation: z.string().trim().max(2000).optional(),
});
export type CreateExperimentBody = z.input<typeof CreateExperimentBody>;

/** PATCH /api/experiments/[experimentId]. */
export const RenameExperimentBody = z.object({ name: ExperimentNameInput });
export type RenameExperimentBody = z.input<typeof RenameExperimentBody>;

/** PUT /api/experiments/[experimentId]/tags: sets one tag (adds it or replaces its value). */
export const SetExperimentTagBody = z.object({
  key: z.string().min(1, "Enter a key").max(LIMITS.experimentTagKeyLength),
  value: TagValueInput,
});
export type SetExperimentTagBody = z.input<typeof SetExperimentTagBody>;

/** DELETE /api/experiments/[experimentId]/tags?key=... */
export const DeleteExperimentTagQuery = z.object({
  key: z.string().min(1, "Name the tag to delete with ?key=").max(LIMITS.experimentTagKeyLength),
});
export type DeleteExperimentTagQuery = z.input<typeof DeleteExperimentTagQuery>;
