import { describe, expect, it } from "vitest";
import { InvokeStatsWindow, percentile } from "./invoke-stats";

describe("percentile (nearest rank)", () => {
  it("picks the value at rank ceil(p/100 × n)", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2], 50)).toBe(1);
    expect(percentile([], 50)).toBeNull();
  });
});

describe("InvokeStatsWindow", () => {
  it("counts every call and error, and computes percentiles over the last `capacity` calls only", () => {
    const window = new InvokeStatsWindow(10);
    for (let i = 0; i < 10; i++) window.record({ latencyMs: 1000, error: true }, i);
    for (let i = 1; i <= 10; i++) window.record({ latencyMs: i, error: false }, 100 + i);
    const s = window.snapshot();
    expect(s.count).toBe(20);
    expect(s.errors).toBe(10);
    // The ten slow calls have left the window.
    expect(s.p50Ms).toBe(5);
    expect(s.p99Ms).toBe(10);
    expect(s.windowSize).toBe(10);
    expect(s.windowCapacity).toBe(10);
    expect(s.lastAt).toBe(110);
  });

  it("is empty before the first call", () => {
    expect(new InvokeStatsWindow(3).snapshot()).toMatchObject({ count: 0, errors: 0, p50Ms: null, p99Ms: null });
  });

  it("refuses a capacity that is not a positive integer", () => {
    expect(() => new InvokeStatsWindow(0)).toThrow();
  });
});
