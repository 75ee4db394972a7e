/** Which end of a metric is better: `min` (a loss) or `max` (an accuracy). */
export type BestDirection = "min" | "max";

const LOWER = new Set(["loss", "error", "err", "mae", "mse", "rmse", "perplexity", "ppl", "wer", "cer"]);
const HIGHER = new Set(["acc", "accuracy", "f1", "auc", "precision", "recall", "r2", "score", "map", "bleu", "rouge"]);

/** A metric key's words: split on anything not a letter or digit and at camelCase joins, lower-cased. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * The better end of a metric, guessed from its name: `val_loss`, `trainError`, `eval/rmse` and
 * `logloss` are lower-is-better; `top1_acc`, `f1`, `roc_auc` and `r2` higher-is-better. A name saying
 * both (`error_score`) reads as lower, since error words are the stronger signal. Null when the name
 * says neither: the caller picks a default and lets the user choose.
 */
export function inferBestDirection(key: string): BestDirection | null {
  const parts = words(key);
  if (parts.some((word) => LOWER.has(word) || word.endsWith("loss") || word.endsWith("error"))) return "min";
  if (parts.some((word) => HIGHER.has(word) || word.endsWith("accuracy"))) return "max";
  return null;
}
