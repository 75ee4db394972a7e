import { describe, expect, it } from "vitest";
import type { ChartPoint } from "./downsample";
import { drawnExtent, forLogScale, innerTicks, linearScale, logScale, timeTicks } from "./scale";

const point = (x: number, y: number | null): ChartPoint => ({ x, y, step: x, timestamp: x });

describe("linearScale", () => {
  it("covers the data with round ticks whose ends are the domain", () => {
    expect(linearScale(0.13, 0.97)).toEqual({ domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(linearScale(-3, 17)).toEqual({ domain: [-5, 20], ticks: [-5, 0, 5, 10, 15, 20] });
  });

  it("reaches a spike: the top tick is at or above it", () => {
    const { ticks, domain } = linearScale(0.01, 1_000_000);
    expect(domain[1]).toBe(1_000_000);
    expect(ticks).toEqual([0, 200_000, 400_000, 600_000, 800_000, 1_000_000]);
  });

  it("keeps decimal ticks exact", () => {
    expect(linearScale(0.1, 0.7).ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(linearScale(0.3, 0.31, 3).ticks).toEqual([0.3, 0.305, 0.31]);
  });

  it("puts a band around a flat series, and falls back to [0, 1] without data", () => {
    expect(linearScale(5, 5).domain).toEqual([4.4, 5.6]);
    expect(linearScale(0, 0).domain).toEqual([-1, 1]);
    expect(linearScale(NaN, NaN).domain).toEqual([0, 1]);
    expect(linearScale(3, 1).domain).toEqual([1, 3]);
    expect(linearScale(-1e308, 1e308)).toEqual({ domain: [-1e308, 1e308], ticks: [-1e308, 1e308] });
    expect(linearScale(1, 1.7e308)).toEqual({ domain: [1, 1.7e308], ticks: [1, 1.7e308] });
  });
});

describe("logScale", () => {
  it("spans whole powers of ten, thinned to about `count` ticks", () => {
    expect(logScale(0.002, 3)).toEqual({ domain: [0.001, 10], ticks: [0.001, 0.01, 0.1, 1, 10] });
    expect(logScale(1e-9, 1e6).ticks).toEqual([1e-9, 1e-6, 1e-3, 1, 1e3, 1e6]);
    expect(logScale(10, 10)).toEqual({ domain: [10, 100], ticks: [10, 100] });
    expect(logScale(0, 10).domain).toEqual([1, 10]);
  });
});

describe("forLogScale", () => {
  it("turns values that a log axis cannot place into breaks and counts them", () => {
    const result = forLogScale([point(0, 1), point(1, 0), point(2, -3), point(3, null), point(4, 2)]);
    expect(result.points.map((p) => p.y)).toEqual([1, null, null, null, 2]);
    expect(result.hidden).toBe(2);
  });
});

describe("drawnExtent", () => {
  it("is the min and max of the non-null values, or undefined", () => {
    expect(drawnExtent([point(0, 3), point(1, null), point(2, -1)])).toEqual({ min: -1, max: 3 });
    expect(drawnExtent([point(0, null)])).toBeUndefined();
  });
});

describe("innerTicks", () => {
  it("puts round ticks inside fixed ends", () => {
    expect(innerTicks(0, 19_999)).toEqual([0, 5000, 10_000, 15_000]);
    expect(innerTicks(12, 87)).toEqual([20, 40, 60, 80]);
    expect(innerTicks(5, 5)).toEqual([5]);
    expect(innerTicks(0, 2)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(innerTicks(0, 2, 5, 1)).toEqual([0, 1, 2]);
    expect(innerTicks(NaN, 1)).toEqual([]);
  });
});

describe("timeTicks", () => {
  it("ticks at whole seconds, minutes, hours or days", () => {
    expect(timeTicks(0, 299_000)).toEqual([0, 60_000, 120_000, 180_000, 240_000]);
    const t0 = Date.UTC(2026, 0, 1, 10, 7);
    expect(timeTicks(t0, t0 + 5 * 3_600_000)).toEqual([11, 12, 13, 14, 15].map((hour) => Date.UTC(2026, 0, 1, hour)));
    expect(timeTicks(0, 2000)).toEqual([0, 500, 1000, 1500, 2000]);
  });
});
