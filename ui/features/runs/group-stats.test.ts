import { describe, expect, it } from "vitest";
import { groupStats } from "./group-stats";

describe("groupStats", () => {
  it("gives mean, sample std and range over finite values, counting the rest as skipped", () => {
    const stats = groupStats([2, 4, 4, 4, 5, 5, 7, 9, null, { nonFinite: "NaN" }, "text"]);
    expect(stats).toMatchObject({ count: 8, mean: 5, min: 2, max: 9, skipped: 3 });
    expect(stats?.std).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it("is null without a finite value, and has std 0 for one value", () => {
    expect(groupStats([null, { nonFinite: "Infinity" }])).toBeNull();
    expect(groupStats([3])).toEqual({ count: 1, mean: 3, std: 0, min: 3, max: 3, skipped: 0 });
  });

  it("stays exact for values with a large common offset", () => {
    const stats = groupStats([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(stats?.mean).toBe(1e9 + 10);
    expect(stats?.std).toBeCloseTo(Math.sqrt(30), 6);
  });
});
