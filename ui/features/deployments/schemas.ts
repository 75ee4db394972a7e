/** What MLTrack's deployment routes take and answer. The record itself is the SDK's `Deployment`. */
import { z } from "zod";
import { Deployment, DeploymentId } from "mltrack-sdk/deploy-config";
import { ModelVersionNumber, RegisteredModelName, RunId } from "mltrack-sdk/validation";

export { Deployment, DeploymentId };

export const DeploymentIdParams = z.object({ id: DeploymentId });

export const DeploymentListQuery = z.object({ model: RegisteredModelName.optional() }).strict();
export type DeploymentListQuery = z.infer<typeof DeploymentListQuery>;

export const DeploymentList = z.object({ deployments: z.array(Deployment) });
export type DeploymentList = z.infer<typeof DeploymentList>;

export const RedeployBody = z.object({ modelVersion: ModelVersionNumber }).strict();
export type RedeployBody = z.infer<typeof RedeployBody>;

/** SageMaker canary: each production variant's relative traffic weight (`{ "version-1": 0.9, "version-2": 0.1 }`). */
export const VariantWeights = z
  .object({
    weights: z
      .record(
        z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, "A production variant name"),
        z.number().min(0).max(1),
      )
      .refine((w) => Object.keys(w).length >= 1 && Object.keys(w).length <= 10, "One to ten variants")
      .refine((w) => Object.values(w).some((v) => v > 0), "At least one variant needs a weight above 0"),
  })
  .strict();
export type VariantWeights = z.infer<typeof VariantWeights>;

export const DeploymentLogs = z.object({ lines: z.array(z.string()) });
export type DeploymentLogs = z.infer<typeof DeploymentLogs>;

export const InvokeStats = z.object({
  count: z.number(),
  errors: z.number(),
  p50Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  windowSize: z.number(),
  windowCapacity: z.number(),
  lastAt: z.number().nullable(),
});
export type InvokeStats = z.infer<typeof InvokeStats>;

/** The test-invoke form's starting body: the model's serving input example, else one row from its signature. */
export const InvokeExample = z.object({
  source: z.enum(["serving-input-example", "signature", "none"]),
  contentType: z.string(),
  body: z.string(),
  /** Why the body is what it is (the file read, or why none could be). */
  note: z.string(),
});
export type InvokeExample = z.infer<typeof InvokeExample>;

/** Headers the invoke route adds to the scoring server's answer. */
export const INVOKE_LATENCY_HEADER = "x-mltrack-latency-ms";
export const INVOKE_UPSTREAM_HEADER = "x-mltrack-upstream-status";
export const INVOKE_UPSTREAM_TYPE_HEADER = "x-mltrack-upstream-content-type";
/** Bodies of test calls: the scoring server's own payloads, not bulk scoring. */
export const INVOKE_MAX_BODY_BYTES = 1024 * 1024;

export const RunModelVersionsQuery = z.object({ runId: RunId }).strict();

export const RunModelVersions = z.object({
  versions: z.array(z.object({ name: z.string(), version: z.string(), status: z.string() })),
});
export type RunModelVersions = z.infer<typeof RunModelVersions>;
