/**
 * What LLM tokens cost, in US dollars per million tokens, to turn token usage into `llm.cost_usd`.
 *
 * The built-in table comes from the one pricing spec (`../spec/pricing.json`), which the Python
 * binding ships too: a SNAPSHOT of the providers' public list prices as of PRICES_AS_OF, for a few
 * well-known models only, not checked against the providers since. Prices change and discounts
 * (batch, enterprise) are not in it: register your own with `registerPricing()` or the `pricing`
 * option of `track()`, which take precedence. A model that is in no table gets token metrics but no cost.
 */
import spec from "../spec/pricing.json";

/** The date the built-in prices were last known current (YYYY-MM-DD). */
export const PRICES_AS_OF: string = spec.asOf;

export interface ModelPricing {
  /** USD per 1M prompt (input) tokens. */
  input: number;
  /** USD per 1M completion (output) tokens. */
  output: number;
  /** USD per 1M prompt tokens read from the provider's prompt cache; default `input`. */
  cachedInput?: number;
  /** USD per 1M prompt tokens written to the prompt cache (Anthropic); default `input`. */
  cacheWrite?: number;
}

/** Built-in list prices (see PRICES_AS_OF). Keys match a model name exactly or as its prefix before a `-`. */
export const BUILT_IN_PRICING: Readonly<Record<string, Readonly<ModelPricing>>> = Object.freeze(
  Object.fromEntries(
    Object.entries(spec.models as Record<string, ModelPricing>).map(([model, price]) => [
      model,
      Object.freeze({ ...price }),
    ]),
  ),
);

/**
 * Names that would match a built-in entry as its prefix but are billed differently (`o1-pro` is not
 * `o1`): they get no built-in cost rather than a wrong one.
 */
export const UNPRICED_VARIANTS: readonly string[] = Object.freeze([...spec.unpricedVariants]);

const registered = new Map<string, ModelPricing>();

/** Adds or replaces the price of a model (USD per 1M tokens) for every tracked function. */
export function registerPricing(model: string, pricing: ModelPricing): void;
export function registerPricing(table: Readonly<Record<string, ModelPricing>>): void;
export function registerPricing(
  modelOrTable: string | Readonly<Record<string, ModelPricing>>,
  pricing?: ModelPricing,
): void {
  const entries: [string, ModelPricing | undefined][] =
    typeof modelOrTable === "string" ? [[modelOrTable, pricing]] : Object.entries(modelOrTable);
  for (const [model, price] of entries) {
    const problem = pricingProblem(model, price);
    if (problem) throw new TypeError(`registerPricing(${JSON.stringify(model)}): ${problem}`);
    registered.set(model, { ...price! });
  }
}

function pricingProblem(model: string, price: ModelPricing | undefined): string | undefined {
  if (typeof model !== "string" || model.trim() === "") return "the model name must be a non-empty string";
  if (!price || typeof price !== "object") return "give { input, output } in USD per 1M tokens";
  for (const field of ["input", "output", "cachedInput", "cacheWrite"] as const) {
    const value = price[field];
    if (value === undefined && (field === "cachedInput" || field === "cacheWrite")) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
      return `${field} must be a price >= 0 in USD per 1M tokens, got ${String(value)}`;
  }
  return undefined;
}

/** For tests: forget registered prices. */
export function clearRegisteredPricing(): void {
  registered.clear();
}

/**
 * The price of `model`: an exact entry first, else the longest key the name starts with followed by
 * `-` (`gpt-4o-2024-08-06` -> `gpt-4o`, `claude-sonnet-4-20250514` -> `claude-sonnet-4`). Tables are
 * searched in order: the call's own, registered, built-in.
 */
export function findPricing(
  model: string,
  own?: Readonly<Record<string, ModelPricing>>,
): { model: string; pricing: ModelPricing } | undefined {
  const tables: (readonly [string, ModelPricing | null])[][] = [
    own ? Object.entries(own) : [],
    [...registered],
    builtInLookup,
  ];
  const name = model.toLowerCase();
  for (const table of tables) {
    const found = longestMatch(table, name);
    // A built-in unpriced variant ends the search: its base model's price would be wrong.
    if (found) return found[1] ? { model: found[0], pricing: found[1] } : undefined;
  }
  return undefined;
}

const builtInLookup: (readonly [string, ModelPricing | null])[] = [
  ...Object.entries(BUILT_IN_PRICING),
  ...UNPRICED_VARIANTS.map((variant) => [variant, null] as const),
];

function longestMatch<T>(table: readonly (readonly [string, T])[], name: string): readonly [string, T] | undefined {
  let best: readonly [string, T] | undefined;
  for (const entry of table) {
    const key = entry[0].toLowerCase();
    if (key === name) return entry;
    if (name.startsWith(`${key}-`) && (!best || key.length > best[0].length)) best = entry;
  }
  return best;
}

export interface TokenCounts {
  /** All prompt tokens, cached ones included. */
  promptTokens: number;
  completionTokens: number;
  /** Of the prompt tokens, those read from the prompt cache. */
  cachedPromptTokens?: number;
  /** Of the prompt tokens, those written to the prompt cache. */
  cacheWritePromptTokens?: number;
}

/** The cost in USD of one call's tokens at `pricing`. */
export function costOf(tokens: TokenCounts, pricing: ModelPricing): number {
  const cached = tokens.cachedPromptTokens ?? 0;
  const written = tokens.cacheWritePromptTokens ?? 0;
  const plain = Math.max(0, tokens.promptTokens - cached - written);
  return (
    (plain * pricing.input +
      cached * (pricing.cachedInput ?? pricing.input) +
      written * (pricing.cacheWrite ?? pricing.input) +
      tokens.completionTokens * pricing.output) /
    1_000_000
  );
}
