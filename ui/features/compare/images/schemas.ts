import { z } from "zod";
import { ArtifactPath } from "@/features/artifacts/schemas";
import { normalizeArtifactPath } from "@/features/artifacts/paths";
import { MAX_COMPARED_RUNS } from "../search-params";

const RunId = z.string().regex(/^[a-zA-Z0-9][\w-]{0,255}$/, "not a run id");

/** Per-step images of the compared runs in one artifact folder; `path: null` finds a folder itself. */
export const CompareImagesRequest = z
  .object({
    runIds: z.array(RunId).min(1).max(MAX_COMPARED_RUNS),
    path: ArtifactPath.transform(normalizeArtifactPath)
      .refine((path) => path !== "", "Give a folder, not the artifact root")
      .nullable(),
  })
  .strict();
export type CompareImagesRequest = z.input<typeof CompareImagesRequest>;

const StepImage = z.object({ step: z.number().int(), path: z.string() }).strict();

export const CompareImagesResponse = z
  .object({
    /** The folder listed: the asked one, or the first found holding step images (null: none found). */
    path: z.string().nullable(),
    /** Folders holding step images in the first runs looked into, by name: what to choose from. */
    folders: z.array(z.string()),
    /** In the asked order; each run's images by step. */
    runs: z.array(z.object({ runId: z.string(), images: z.array(StepImage), truncated: z.boolean() }).strict()),
  })
  .strict();
export type CompareImagesResponse = z.infer<typeof CompareImagesResponse>;
