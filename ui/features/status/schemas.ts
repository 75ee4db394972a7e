import { z } from "zod";

export const MlflowStatus = z.object({
  /** False only when no connection could be made: refused, or no answer to connect within the connect timeout. */
  reachable: z.boolean(),
  /** Connected, but no answer within the check's timeout: MLflow is busy (one worker on a long search). */
  busy: z.boolean(),
  /** MLflow's version as `GET /version` reports it. */
  version: z.string().nullable(),
  /** Scheme, host and port of the tracking server; never credentials or paths. */
  server: z.string(),
  latencyMs: z.number().nullable(),
  error: z.string().nullable(),
});
export type MlflowStatus = z.infer<typeof MlflowStatus>;
