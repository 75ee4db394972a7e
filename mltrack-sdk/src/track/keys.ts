/**
 * MLflow's rules for metric, param and tag names and values, checked on the client before anything is
 * enqueued: one bad name in a `log-batch` makes MLflow refuse the whole batch, good points with it.
 * Valid names are remembered, so a training loop's keys are checked once.
 */
import { LIMITS, resolvesElsewhere } from "../mlflow/validation";

/** Python's `\w` is Unicode-aware; `\p{L}\p{N}_` is its JavaScript equivalent (as in mlflow/validation). */
const KEY_CHARS = /^[\p{L}\p{N}_/.\- :]*$/u;
const validKeys = new Set<string>();
const MAX_REMEMBERED = 10_000;

export function isValidKey(key: string): boolean {
  if (validKeys.has(key)) return true;
  const ok =
    typeof key === "string" &&
    key.length > 0 &&
    key.length <= LIMITS.entityKeyLength &&
    KEY_CHARS.test(key) &&
    !resolvesElsewhere(key);
  if (ok && validKeys.size < MAX_REMEMBERED) validKeys.add(key);
  return ok;
}

/** Cuts a value to `limit` characters, saying so at its end, so a cut is never mistaken for the whole. */
export function truncateVisibly(value: string, limit: number, where?: string): string {
  if (value.length <= limit) return value;
  const note = (cut: number) =>
    `\n… [truncated: ${cut} more characters${where ? `; the full text is in ${where}` : ""}]`;
  // The note's length depends on the number it carries; two passes settle it.
  let keep = limit - note(value.length).length;
  keep = limit - note(value.length - keep).length;
  return `${value.slice(0, Math.max(0, keep))}${note(value.length - Math.max(0, keep))}`;
}

export const PARAM_VALUE_LIMIT = LIMITS.paramValueLength;
export const TAG_VALUE_LIMIT = LIMITS.tagValueLength;
