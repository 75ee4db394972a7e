import { describe, expect, it } from "vitest";
import { emaSmooth, smoothSeries } from "./smoothing";

const line = (...values: (number | null)[]) => values.map((y, step) => ({ x: step, y, step }));

describe("emaSmooth", () => {
  it("returns the input unchanged at weight 0", () => {
    const points = line(1, 5, null, 2, NaN, 3);
    const smoothed = emaSmooth(points, 0);
    expect(smoothed).toEqual(points);
    expect(smoothed).not.toBe(points);
  });

  it("debiases, so the first smoothed value is the first raw value and a constant stays constant", () => {
    expect(emaSmooth(line(4), 0.99)[0]?.y).toBe(4);
    for (const point of emaSmooth(line(7, 7, 7, 7, 7), 0.9)) expect(point.y).toBeCloseTo(7, 12);
  });

  it("follows last = last·w + (1−w)·y, divided by 1 − wⁿ", () => {
    const ys = emaSmooth(line(1, 3, 2), 0.5).map((p) => p.y);
    // last: 0.5, 1.75, 1.875; debiased by 0.5, 0.75, 0.875
    expect(ys[0]).toBeCloseTo(1);
    expect(ys[1]).toBeCloseTo(1.75 / 0.75);
    expect(ys[2]).toBeCloseTo(1.875 / 0.875);
  });

  it("restarts after a null break", () => {
    const smoothed = emaSmooth(line(10, 20, null, 100, 100), 0.6);
    expect(smoothed[2]).toEqual({ x: 2, y: null, step: 2 });
    expect(smoothed[3]?.y).toBeCloseTo(100);
    expect(smoothed[4]?.y).toBeCloseTo(100);
  });

  it("leaves non-finite values in place without feeding them into the average", () => {
    const smoothed = emaSmooth(line(2, NaN, Infinity, 2), 0.5);
    expect(smoothed.map((p) => p.y)).toEqual([2, NaN, Infinity, 2]);
  });

  it("keeps the other fields and does not mutate its input", () => {
    const points = [
      { x: 10, y: 1, step: 3, label: "a" },
      { x: 11, y: 3, step: 4, label: "b" },
    ];
    const smoothed = emaSmooth(points, 0.5);
    expect(smoothed[1]).toMatchObject({ x: 11, step: 4, label: "b" });
    expect(points[1]?.y).toBe(3);
  });

  it("rejects a weight outside [0, 1)", () => {
    for (const weight of [-0.1, 1, 1.5, NaN]) expect(() => emaSmooth(line(1), weight)).toThrow(RangeError);
  });
});

describe("smoothSeries", () => {
  it("smooths in x order at full resolution, before any downsampling", () => {
    const points = [
      { x: 2, y: 3, step: 2 },
      { x: 0, y: 1, step: 0 },
      { x: 1, y: 3, step: 1 },
    ];
    const smoothed = smoothSeries(points, 0.5);
    expect(smoothed.map((p) => p.x)).toEqual([0, 1, 2]);
    expect(smoothed[0]?.y).toBeCloseTo(1);
    expect(smoothed[1]?.y).toBeCloseTo(1.75 / 0.75);
    expect(points[0]?.x).toBe(2);
  });

  it("keeps a spike's effect exact on a long series: the smoothed value right after it is what EMA gives", () => {
    const points = Array.from({ length: 100_000 }, (_, step) => ({ x: step, y: step === 70_000 ? 1e6 : 0, step }));
    const smoothed = smoothSeries(points, 0.9);
    expect(smoothed[70_000]?.y).toBeCloseTo(1e5, 6);
    expect(smoothed[70_001]?.y).toBeCloseTo(9e4, 6);
  });
});
