import { z } from "zod";

export const ExperimentListQuery = z.object({
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
  nextPageToken: z.string().optional(),
});
export type ExperimentListPage = z.infer<typeof ExperimentListPage>;
