/**
 * Which registry tags the model pages show. Registered models tagged `mlflow.prompt.is_prompt` =
 * "true" are MLflow prompts, not models. Registered-model tags under `mltrack.deployment.` are the
 * deploy engine's records (JSON, one per deployment), shown on the Deployments page: the registry UI
 * neither shows nor edits them.
 */
import { MLFLOW_TAGS, MLTRACK_TAGS } from "mltrack-sdk/tags";
import { LIMITS, resolvesElsewhere } from "mltrack-sdk/validation";

export interface RegistryTag {
  key: string;
  value: string;
}

/** Prefix of the deploy engine's deployment records (`mltrack.deployment.<id>`). */
export const DEPLOYMENT_TAG_PREFIX = MLTRACK_TAGS.deploymentPrefix;

/** Tags MLflow's own prompt registry writes; a prompt is not a model. */
export const PROMPT_TAG = MLFLOW_TAGS.isPrompt;

/** MLflow's own rule (`RegisteredModel._is_prompt`): the tag, case-insensitively "true". */
export function isPrompt(tags: Readonly<Record<string, string>>): boolean {
  return (tags[PROMPT_TAG] ?? "false").toLowerCase() === "true";
}

export function isHiddenRegistryTag(key: string): boolean {
  return key.startsWith(DEPLOYMENT_TAG_PREFIX);
}

/** The tags the registry UI shows, by key; deployment records left out. */
export function visibleRegistryTags(tags: Readonly<Record<string, string>>): RegistryTag[] {
  return Object.keys(tags)
    .filter((key) => !isHiddenRegistryTag(key))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => ({ key, value: tags[key] ?? "" }));
}

/** First line of a description, at most 200 characters: what the list shows. */
export function descriptionFirstLine(description: string): string {
  return (description.trim().split("\n", 1)[0] ?? "").trim().slice(0, 200);
}

/** MLflow's rule for tag keys (`_validate_tag_name`): Python's `\w`, `/ . - space :`. */
const TAG_KEY_CHARS = /^[\p{L}\p{N}_/.\- :]+$/u;

/**
 * Why the registry tag editor refuses a key, or undefined when it may be written. `mlflow.*` is
 * MLflow's and `mltrack.deployment.*` the deploy engine's.
 */
export function registryTagKeyProblem(key: string): string | undefined {
  if (!key.trim()) return "Enter a key.";
  if (key !== key.trim()) return "Keys cannot start or end with a space.";
  if (key.length > LIMITS.registryTagKeyLength) return `Keys are at most ${LIMITS.registryTagKeyLength} characters.`;
  if (!TAG_KEY_CHARS.test(key))
    return "Keys may only contain letters, digits, underscores (_), dashes (-), periods (.), spaces, colons (:) and slashes (/).";
  if (resolvesElsewhere(key)) return "Keys must not start or end with '/', or contain '//', '.' or '..' segments.";
  if (key.startsWith("mlflow.")) return "Keys starting with 'mlflow.' are reserved for MLflow.";
  if (isHiddenRegistryTag(key)) return `Keys starting with '${DEPLOYMENT_TAG_PREFIX}' hold deployment records.`;
  return undefined;
}
