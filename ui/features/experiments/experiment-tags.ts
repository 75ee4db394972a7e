/**
 * Which of an experiment's tags the page shows, and how. `mlflow.note.content` is the description;
 * other `mlflow.*` tags are MLflow's own (shown read-only); `mltrack.view.*` hold saved runs views and
 * are owned by the runs view, so they are neither shown nor edited here. Everything else is the user's.
 */
import { MLFLOW_TAGS, MLTRACK_TAGS } from "mltrack-sdk/tags";
import { LIMITS, resolvesElsewhere } from "mltrack-sdk/validation";

export interface ExperimentTag {
  key: string;
  value: string;
}

export interface ExperimentTagGroups {
  description: string;
  /** The user's tags, editable, by key. */
  tags: ExperimentTag[];
  /** MLflow's reserved tags (`mlflow.*`, the description aside), read-only, by key. */
  systemTags: ExperimentTag[];
}

export const RESERVED_TAG_PREFIX = "mlflow.";

export function isSavedViewTag(key: string): boolean {
  return key.startsWith(MLTRACK_TAGS.viewPrefix);
}

export function groupExperimentTags(tags: Readonly<Record<string, string>>): ExperimentTagGroups {
  const groups: ExperimentTagGroups = { description: tags[MLFLOW_TAGS.note] ?? "", tags: [], systemTags: [] };
  const keys = Object.keys(tags).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    if (key === MLFLOW_TAGS.note || isSavedViewTag(key)) continue;
    (key.startsWith(RESERVED_TAG_PREFIX) ? groups.systemTags : groups.tags).push({ key, value: tags[key] ?? "" });
  }
  return groups;
}

/** First line of the description, at most 200 characters: what the list shows. */
export function descriptionSummary(note: string): string {
  return (note.split("\n", 1)[0] ?? "").trim().slice(0, 200);
}

/** MLflow's rule for tag keys (`_validate_tag_name`): Python's `\w`, `/ . - space :`. */
const TAG_KEY_CHARS = /^[\p{L}\p{N}_/.\- :]+$/u;

/**
 * Why the tag editor refuses a key, or undefined when MLflow will take it. `mlflow.*` is MLflow's
 * (the description has its own editor) and `mltrack.view.*` belongs to saved views.
 */
export function tagKeyProblem(key: string): string | undefined {
  if (!key.trim()) return "Enter a key.";
  if (key !== key.trim()) return "Keys cannot start or end with a space.";
  if (key.length > LIMITS.experimentTagKeyLength)
    return `Keys are at most ${LIMITS.experimentTagKeyLength} characters.`;
  if (!TAG_KEY_CHARS.test(key))
    return "Keys may only contain letters, digits, underscores (_), dashes (-), periods (.), spaces, colons (:) and slashes (/).";
  if (resolvesElsewhere(key)) return "Keys must not start or end with '/', or contain '//', '.' or '..' segments.";
  if (key.startsWith(RESERVED_TAG_PREFIX)) return "Keys starting with 'mlflow.' are reserved for MLflow.";
  if (isSavedViewTag(key)) return `Keys starting with '${MLTRACK_TAGS.viewPrefix}' hold saved runs views.`;
  return undefined;
}

/** What MLTrack's tag API may write: the user's tags, and the description (`mlflow.note.content`). */
export function writableTagKeyProblem(key: string): string | undefined {
  return key === MLFLOW_TAGS.note ? undefined : tagKeyProblem(key);
}
