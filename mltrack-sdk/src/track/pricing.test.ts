import { afterEach, describe, expect, it } from "vitest";
import {
  BUILT_IN_PRICING,
  clearRegisteredPricing,
  costOf,
  findPricing,
  PRICES_AS_OF,
  registerPricing,
} from "./pricing";

afterEach(() => clearRegisteredPricing());

describe("pricing", () => {
  it("is a dated table in USD per 1M tokens", () => {
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const price of Object.values(BUILT_IN_PRICING)) {
      expect(price.input).toBeGreaterThan(0);
      expect(price.output).toBeGreaterThanOrEqual(price.input);
    }
  });

  it("finds a versioned model by its longest known prefix", () => {
    expect(findPricing("gpt-4o-mini-2024-07-18")?.model).toBe("gpt-4o-mini");
    expect(findPricing("gpt-4o-2024-08-06")?.model).toBe("gpt-4o");
    expect(findPricing("claude-sonnet-4-20250514")?.model).toBe("claude-sonnet-4");
    expect(findPricing("claude-opus-4-1-20250805")?.model).toBe("claude-opus-4-1");
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
  });

  it("refuses prices that are not prices", () => {
    expect(() => registerPricing("x", { input: -1, output: 1 })).toThrow(/input must be a price >= 0/);
    expect(() => registerPricing("", { input: 1, output: 1 })).toThrow(/non-empty/);
    expect(() => registerPricing("x", { input: 1, output: Number.NaN })).toThrow(/output/);
  });
});
