/**
 * What a SageMaker deployment records in `Deployment.runtime`: the live endpoint, config and variants,
 * and every resource it created (written BEFORE each create call), so `stop` can remove exactly those
 * after a crash, a failed start or a half-finished canary, and never anything it did not create.
 */
import { z } from "zod";

export const SageMakerVariant = z.object({
  variantName: z.string(),
  modelVersion: z.string(),
  /** The SageMaker model serving this version. */
  modelName: z.string(),
  /** Its tarball's S3 key in `bucket`. */
  key: z.string(),
  /** Relative traffic weight (MLTrack uses shares that sum to 1). */
  weight: z.number(),
});
export type SageMakerVariant = z.output<typeof SageMakerVariant>;

export const SageMakerRuntime = z.object({
  region: z.string(),
  accountId: z.string().nullable().default(null),
  bucket: z.string().nullable().default(null),
  endpointName: z.string().nullable().default(null),
  /** The config the endpoint serves with. */
  endpointConfigName: z.string().nullable().default(null),
  /** The primary (first) variant's model and key, for display. */
  modelName: z.string().nullable().default(null),
  key: z.string().nullable().default(null),
  /** The live production variants. */
  // Defaults are functions: zod would hand the SAME array or object to every parse otherwise, and
  // the target mutates these lists (two deployments in one process would share them).
  variants: z.array(SageMakerVariant).default(() => []),
  /** Everything this deployment may have created (names are unique to it), for `stop`. */
  created: z
    .object({
      objects: z.array(z.string()).default(() => []),
      models: z.array(z.string()).default(() => []),
      endpointConfigs: z.array(z.string()).default(() => []),
      /** Set just before CreateEndpoint; stop deletes it only if it serves one of `endpointConfigs`. */
      endpoint: z.string().nullable().default(null),
    })
    .default(() => ({ objects: [], models: [], endpointConfigs: [], endpoint: null })),
});
export type SageMakerRuntime = z.output<typeof SageMakerRuntime>;

export const emptyRuntime = (region: string): SageMakerRuntime => SageMakerRuntime.parse({ region });

/** A deployment's runtime, or undefined when it holds no SageMaker state (never started). */
export function readRuntime(runtime: Record<string, unknown>): SageMakerRuntime | undefined {
  const parsed = SageMakerRuntime.safeParse(runtime);
  return parsed.success ? parsed.data : undefined;
}

/** A deep copy as a plain record (the engine stores it as JSON). */
export const snapshot = (runtime: SageMakerRuntime): Record<string, unknown> =>
  JSON.parse(JSON.stringify(runtime)) as Record<string, unknown>;

/** Adds `name` to a created-list once. */
export function remember(list: string[], name: string): void {
  if (!list.includes(name)) list.push(name);
}

export function forget(list: string[], name: string): void {
  const at = list.indexOf(name);
  if (at >= 0) list.splice(at, 1);
}
