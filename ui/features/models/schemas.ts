import { z } from "zod";

const Timestamp = z.number().nullable();

export const ModelVersionSummary = z
  .object({
    version: z.string(),
    status: z.enum(["PENDING_REGISTRATION", "FAILED_REGISTRATION", "READY"]),
    aliases: z.array(z.string()),
    /** Legacy stage (deprecated since MLflow 2.9): shown, never written. */
    stage: z.string(),
    creationTimestamp: Timestamp,
    userId: z.string(),
    description: z.string(),
    source: z.string(),
    runId: z.string(),
    /** The source run's experiment, when the run still exists, for a link to its page. */
    experimentId: z.string().nullable(),
    runName: z.string().nullable(),
  })
  .strict();
export type ModelVersionSummary = z.infer<typeof ModelVersionSummary>;

/** A registered model's page: its description, tags, aliases and versions, newest first. */
export const RegisteredModelDetail = z
  .object({
    name: z.string(),
    description: z.string(),
    creationTimestamp: Timestamp,
    lastUpdatedTimestamp: Timestamp,
    tags: z.array(z.object({ key: z.string(), value: z.string() }).strict()),
    aliases: z.array(z.object({ alias: z.string(), version: z.string() }).strict()),
    versions: z.array(ModelVersionSummary),
  })
  .strict();
export type RegisteredModelDetail = z.infer<typeof RegisteredModelDetail>;
