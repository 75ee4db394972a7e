/**
 * The function under evaluation in the TypeScript demo's LLM-shaped run. It is NOT a language model:
 * a deterministic rule-based sentiment classifier (word lists and a negation rule) that answers in the
 * shape of an LLM call, so that MLTrack's LLM views (token usage per call) have something honest to
 * show. Its `usage` counts real tokens of its input and output, by a word-level tokenizer (words,
 * numbers and punctuation marks), not a model's subword tokenizer; there is no price, so no cost.
 */

export const RULE_BASED_MODEL = "rule-based-sentiment-v1";
export const TOKENIZER = "word-level regex (words, numbers, punctuation), not a model tokenizer";

export type Sentiment = "positive" | "negative";

export interface RuleBasedResponse {
  model: typeof RULE_BASED_MODEL;
  label: Sentiment;
  /** The token counts MLTrack reads from an LLM-shaped response (its `usage` field names). */
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

const TOKEN = /\p{L}+(?:'\p{L}+)?|\p{N}+(?:[.,]\p{N}+)*|[^\s\p{L}\p{N}]/gu;

export function wordTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const POSITIVE = new Set([
  "good",
  "great",
  "excellent",
  "love",
  "loved",
  "helpful",
  "fast",
  "easy",
  "clear",
  "reliable",
  "works",
  "recommend",
  "pleasant",
]);
const NEGATIVE = new Set([
  "bad",
  "slow",
  "broken",
  "breaks",
  "crash",
  "crashes",
  "confusing",
  "useless",
  "hate",
  "awful",
  "bug",
  "bugs",
  "worse",
  "waste",
]);
const NEGATIONS = new Set(["not", "never", "no", "isn't", "wasn't", "don't", "doesn't", "didn't", "hardly"]);

/**
 * +1 per positive word, -1 per negative word, the sign flipped when one of the two words before it is
 * a negation; a score below zero is negative, anything else positive.
 */
export function classifySentiment(text: string): RuleBasedResponse {
  const tokens = wordTokens(text);
  const words = tokens.map((t) => t.toLowerCase());
  let score = 0;
  words.forEach((word, i) => {
    const polarity = POSITIVE.has(word) ? 1 : NEGATIVE.has(word) ? -1 : 0;
    if (polarity === 0) return;
    const negated = words.slice(Math.max(0, i - 2), i).some((w) => NEGATIONS.has(w));
    score += negated ? -polarity : polarity;
  });
  const label: Sentiment = score < 0 ? "negative" : "positive";
  const completion = wordTokens(label).length;
  return {
    model: RULE_BASED_MODEL,
    label,
    usage: { prompt_tokens: tokens.length, completion_tokens: completion, total_tokens: tokens.length + completion },
  };
}

export interface LabelledText {
  text: string;
  label: Sentiment;
}

/** Hand-written product reviews, labelled by hand; a few defeat the rules (sarcasm, unknown words). */
export const REVIEWS: readonly LabelledText[] = [
  { text: "The dashboard is fast and the charts are clear.", label: "positive" },
  { text: "Setup was easy, and the docs were helpful.", label: "positive" },
  { text: "I love how the compare view lines up 4 runs at once.", label: "positive" },
  { text: "Deploys are reliable; it just works.", label: "positive" },
  { text: "Not bad at all for a first release.", label: "positive" },
  { text: "I would recommend it to any team using MLflow.", label: "positive" },
  { text: "Search results are instant, a pleasant surprise.", label: "positive" },
  { text: "It never crashes, even with 50,000 runs.", label: "positive" },
  { text: "The export button is broken and support was useless.", label: "negative" },
  { text: "Loading a run with long histories is slow.", label: "negative" },
  { text: "The settings page is confusing.", label: "negative" },
  { text: "Every upgrade breaks my saved views, awful.", label: "negative" },
  { text: "It is not reliable when the network drops.", label: "negative" },
  { text: "Oh great, another release that crashes on start. Great.", label: "negative" },
  { text: "A total waste of an afternoon.", label: "negative" },
  { text: "The tooltips overlap the legend on small screens.", label: "negative" },
];
