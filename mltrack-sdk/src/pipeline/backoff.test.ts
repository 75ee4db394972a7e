import { describe, expect, it } from "vitest";
import { retryDelay, unitHash } from "./backoff";

describe("retryDelay", () => {
  it("doubles up to the cap, jittered to between half and all of it", () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const capped = Math.min(100 * 2 ** attempt, 5000);
      const delay = retryDelay(attempt, 100, 5000, 1234);
      expect(delay).toBeGreaterThanOrEqual(capped / 2);
      expect(delay).toBeLessThanOrEqual(capped);
    }
  });

  it("is the same for the same seed and differs between seeds (processes do not retry in step)", () => {
    expect(retryDelay(3, 100, 5000, 42)).toBe(retryDelay(3, 100, 5000, 42));
    const delays = new Set(Array.from({ length: 20 }, (_, pid) => retryDelay(3, 100, 5000, pid)));
    expect(delays.size).toBeGreaterThan(10);
  });

  it("spreads its jitter over [0, 1)", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => unitHash(7, i));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
