/**
 * What LLM tokens cost, in US dollars per million tokens, to turn token usage into `llm.cost_usd`.
 *
 * The built-in table is a SNAPSHOT of the providers' public list prices as of PRICES_AS_OF
 * (https://openai.com/api/pricing, https://www.anthropic.com/pricing), for a few well-known models
 * only. Prices change and discounts (batch, enterprise) are not in it: register your own with
 * `registerPricing()` or the `pricing` option of `track()`, which take precedence. A model that is in
 * no table gets token metrics but no cost.
 */
export const PRICES_AS_OF = "2025-08-15";

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
export const BUILT_IN_PRICING: Readonly<Record<string, ModelPricing>> = Object.freeze({
  // OpenAI
  "gpt-5": { input: 1.25, output: 10, cachedInput: 0.125 },
  "gpt-5-mini": { input: 0.25, output: 2, cachedInput: 0.025 },
  "gpt-5-nano": { input: 0.05, output: 0.4, cachedInput: 0.005 },
  "gpt-4.1": { input: 2, output: 8, cachedInput: 0.5 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6, cachedInput: 0.1 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4, cachedInput: 0.025 },
  "gpt-4o": { input: 2.5, output: 10, cachedInput: 1.25 },
  "gpt-4o-mini": { input: 0.15, output: 0.6, cachedInput: 0.075 },
  o3: { input: 2, output: 8, cachedInput: 0.5 },
  "o3-mini": { input: 1.1, output: 4.4, cachedInput: 0.55 },
  "o4-mini": { input: 1.1, output: 4.4, cachedInput: 0.275 },
  // Anthropic
  "claude-opus-4-1": { input: 15, output: 75, cachedInput: 1.5, cacheWrite: 18.75 },
  "claude-opus-4": { input: 15, output: 75, cachedInput: 1.5, cacheWrite: 18.75 },
  "claude-sonnet-4": { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 },
  "claude-3-7-sonnet": { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 },
  "claude-3-5-sonnet": { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 },
  "claude-3-5-haiku": { input: 0.8, output: 4, cachedInput: 0.08, cacheWrite: 1 },
  "claude-3-haiku": { input: 0.25, output: 1.25, cachedInput: 0.03, cacheWrite: 0.3 },
});

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
  const tables: [string, ModelPricing][][] = [
    own ? Object.entries(own) : [],
    [...registered],
    Object.entries(BUILT_IN_PRICING),
  ];
  const name = model.toLowerCase();
  for (const table of tables) {
    let best: [string, ModelPricing] | undefined;
    for (const entry of table) {
      const key = entry[0].toLowerCase();
      if (key === name) return { model: entry[0], pricing: entry[1] };
      if (name.startsWith(`${key}-`) && (!best || key.length > best[0].length)) best = entry;
    }
    if (best) return { model: best[0], pricing: best[1] };
  }
  return undefined;
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
