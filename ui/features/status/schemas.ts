import { z } from "zod";

export const MlflowStatus = z.object({
  reachable: z.boolean(),
  /** MLflow's version as `GET /version` reports it. */
  version: z.string().nullable(),
  /** Scheme, host and port of the tracking server; never credentials or paths. */
  server: z.string(),
  latencyMs: z.number().nullable(),
  error: z.string().nullable(),
});
export type MlflowStatus = z.infer<typeof MlflowStatus>;
