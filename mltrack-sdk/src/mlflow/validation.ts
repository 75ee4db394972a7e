/**
 * MLflow's input rules (`mlflow/utils/validation.py`, 3.18), checked before a request leaves the
 * client so that a bad key fails fast with a message naming the field.
 */
import { z } from "zod";

export const LIMITS = {
  metricsPerBatch: 1000,
  paramsPerBatch: 100,
  tagsPerBatch: 100,
  entitiesPerBatch: 1000,
  batchBytes: 1_000_000,
  entityKeyLength: 250,
  paramValueLength: 6000,
  tagValueLength: 8000,
  experimentNameLength: 500,
  experimentTagKeyLength: 250,
  experimentTagValueLength: 20_000,
  registryTagKeyLength: 250,
  registryTagValueLength: 100_000,
  aliasLength: 255,
  searchMaxResults: 50_000,
  metricHistoryMaxResults: 25_000,
  bulkIntervalRuns: 100,
  bulkIntervalMaxResults: 2500,
} as const;

/** Python's `\w` is Unicode-aware; `\p{L}\p{N}_` is its JavaScript equivalent. */
const ENTITY_KEY_CHARS = /^[\p{L}\p{N}_/.\- :]*$/u;

/** POSIX `normpath`, enough to tell whether a name would resolve to another one. */
export function posixNormalize(path: string): string {
  if (path === "") return ".";
  const absolute = path.startsWith("/");
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (segment !== ".." || !absolute) out.push(segment);
  }
  const joined = out.join("/");
  return absolute ? `/${joined}` : joined || ".";
}

/** MLflow's `path_not_unique`: names may become file paths and must not resolve elsewhere. */
export function resolvesElsewhere(name: string): boolean {
  const norm = posixNormalize(name);
  return norm !== name || norm === "." || norm.startsWith("..") || norm.startsWith("/");
}

/** A metric, param or run tag key. */
export const EntityKey = z
  .string()
  .max(LIMITS.entityKeyLength)
  .regex(
    ENTITY_KEY_CHARS,
    "Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/)",
  )
  .refine((key) => !resolvesElsewhere(key), {
    message:
      "Names may be treated as files and must not resolve to other names (no '..', leading '/', '//' or trailing '/')",
  });

export const RunId = z.string().regex(/^[a-zA-Z0-9][\w-]{0,255}$/, "Invalid run ID");
export const ExperimentId = z.string().regex(/^[a-zA-Z0-9][\w-]{0,63}$/, "Invalid experiment ID");
export const ExperimentName = z
  .string()
  .trim()
  .min(1, "Experiment name must not be empty")
  .max(LIMITS.experimentNameLength);
export const ParamValue = z.string().max(LIMITS.paramValueLength);
export const TagValue = z.string().max(LIMITS.tagValueLength);
export const RegisteredModelName = z
  .string()
  .trim()
  .min(1, "Model name must not be empty")
  .refine((name) => !/[/:]/.test(name), "Model names cannot contain '/' or ':'")
  .refine((name) => !resolvesElsewhere(name), "Model name must not resolve to another path");
export const ModelVersionNumber = z
  .union([z.string().regex(/^\d+$/, "Model version must be a positive integer"), z.number().int().positive()])
  .transform(String);
export const Alias = z
  .string()
  .min(1)
  .max(LIMITS.aliasLength)
  .regex(/^[\w-]*$/, "Aliases may only contain alphanumerics, underscores and dashes")
  .refine(
    (alias) => alias.toLowerCase() !== "latest" && !/^v\d+$/i.test(alias),
    "'latest' and 'v<number>' are reserved aliases",
  );
export const Millis = z.number().int().nonnegative();
export const MaxResults = z.number().int().positive().max(LIMITS.searchMaxResults);
export const OrderBy = z.array(z.string().min(1));

export { checkArtifactPath, type ArtifactPathCheck } from "./artifact-path";
