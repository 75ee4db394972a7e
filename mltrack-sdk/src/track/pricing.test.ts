import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import {
  BUILT_IN_PRICING,
  clearRegisteredPricing,
  costOf,
  findPricing,
  PRICES_AS_OF,
  registerPricing,
  UNPRICED_VARIANTS,
} from "./pricing";

afterEach(() => clearRegisteredPricing());

// The file itself, read apart from the module's import: the table must be this file's, not a copy.
const spec = JSON.parse(readFileSync(new URL("../spec/pricing.json", import.meta.url), "utf8")) as {
  asOf: string;
  currency: string;
  perTokens: number;
  sources: string[];
  models: Record<string, Record<string, unknown>>;
  unpricedVariants: string[];
};

describe("pricing", () => {
  it("is the one pricing spec file's table, dated, in USD per 1M tokens", () => {
    expect(BUILT_IN_PRICING).toEqual(spec.models);
    expect(UNPRICED_VARIANTS).toEqual(spec.unpricedVariants);
    expect(PRICES_AS_OF).toBe(spec.asOf);
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect([spec.currency, spec.perTokens]).toEqual(["USD", 1_000_000]);
    for (const source of spec.sources) expect(source).toMatch(/^https:\/\//);
    for (const [model, price] of Object.entries(spec.models)) {
      expect(model).toBe(model.toLowerCase());
      expect(
        Object.keys(price).every((field) => ["input", "output", "cachedInput", "cacheWrite"].includes(field)),
      ).toBe(true);
      expect(price.input).toBeGreaterThan(0);
      expect(price.output).toBeGreaterThanOrEqual(price.input as number);
      // A cache read is a discount on input; a cache write costs at least the input.
      if (price.cachedInput !== undefined) expect(price.cachedInput).toBeLessThan(price.input as number);
      if (price.cacheWrite !== undefined) expect(price.cacheWrite).toBeGreaterThanOrEqual(price.input as number);
    }
    expect(Object.isFrozen(BUILT_IN_PRICING)).toBe(true);
  });

  it("gives an unpriced variant no cost rather than its base model's price, unless registered", () => {
    for (const variant of UNPRICED_VARIANTS) {
      expect(findPricing(variant), variant).toBeUndefined();
      expect(findPricing(`${variant}-2025-01-01`), variant).toBeUndefined();
      // Each is a variant of a priced model, else listing it would be pointless.
      expect(
        Object.keys(BUILT_IN_PRICING).some((model) => variant.startsWith(`${model}-`)),
        variant,
      ).toBe(true);
    }
    expect(findPricing("o1-2024-12-17")?.model).toBe("o1");
    expect(findPricing("o1-pro-2025-03-19")).toBeUndefined();
    expect(findPricing("gpt-4o-mini-realtime-preview")).toBeUndefined();
    registerPricing("o1-pro", { input: 150, output: 600 });
    expect(findPricing("o1-pro-2025-03-19")?.pricing).toEqual({ input: 150, output: 600 });
  });

  it("finds a versioned model by its longest known prefix", () => {
    expect(findPricing("gpt-4o-mini-2024-07-18")?.model).toBe("gpt-4o-mini");
    expect(findPricing("gpt-4o-2024-08-06")?.model).toBe("gpt-4o");
    expect(findPricing("claude-sonnet-4-20250514")?.model).toBe("claude-sonnet-4");
    expect(findPricing("claude-opus-4-1-20250805")?.model).toBe("claude-opus-4-1");
    expect(findPricing("claude-opus-4-5-20251101")?.model).toBe("claude-opus-4-5");
    expect(findPricing("GPT-4.1")?.model).toBe("gpt-4.1");
    expect(findPricing("gpt-4o2")).toBeUndefined();
    expect(findPricing("my-local-llama")).toBeUndefined();
  });

  it("prices prompt, cached, cache-write and completion tokens", () => {
    expect(costOf({ promptTokens: 1_000_000, completionTokens: 1_000_000 }, { input: 2.5, output: 10 })).toBeCloseTo(
      12.5,
      12,
    );
    expect(
      costOf(
        { promptTokens: 1_110, completionTokens: 50, cachedPromptTokens: 1_000, cacheWritePromptTokens: 10 },
        { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 },
      ),
    ).toBeCloseTo((100 * 3 + 1000 * 0.3 + 10 * 3.75 + 50 * 15) / 1e6, 15);
  });

  it("lets users add and override prices; a call's own table comes first", () => {
    registerPricing("my-local-llama", { input: 0, output: 0 });
    registerPricing({ "gpt-4o": { input: 1, output: 2 } });
    expect(findPricing("my-local-llama-3b")?.pricing).toEqual({ input: 0, output: 0 });
    expect(findPricing("gpt-4o-2024-08-06")?.pricing).toEqual({ input: 1, output: 2 });
    expect(findPricing("gpt-4o", { "gpt-4o": { input: 9, output: 9 } })?.pricing).toEqual({ input: 9, output: 9 });
    // Registering changes the lookup, never the built-in table itself.
    expect(BUILT_IN_PRICING["gpt-4o"]).toEqual(spec.models["gpt-4o"]);
  });

  it("refuses prices that are not prices", () => {
    expect(() => registerPricing("x", { input: -1, output: 1 })).toThrow(/input must be a price >= 0/);
    expect(() => registerPricing("", { input: 1, output: 1 })).toThrow(/non-empty/);
    expect(() => registerPricing("x", { input: 1, output: Number.NaN })).toThrow(/output/);
  });
});
