import { describe, expect, it } from "vitest";
import { downsampleBand, groupMarkers, groupStatistics } from "./group-series";
import type { SeriesPoint } from "./series-points";

const run = (...values: [step: number, y: number][]): SeriesPoint[] =>
  values.map(([step, y]) => ({ x: step, y, step, timestamp: step }));

describe("groupStatistics", () => {
  it("gives mean, sample std and count per step over the runs that have a finite value there", () => {
    const stats = groupStatistics([run([0, 1], [1, 2], [2, 10]), run([0, 3], [2, NaN]), run([0, 5], [1, 4])]);
    expect(stats.map(({ step, mean, count }) => [step, mean, count])).toEqual([
      [0, 3, 3],
      [1, 3, 2],
      [2, 10, 1],
    ]);
    expect(stats[0]!.std).toBeCloseTo(2, 12);
    expect(stats[1]!.std).toBeCloseTo(Math.SQRT2, 12);
    // One value: no spread, not a NaN.
    expect(stats[2]!.std).toBe(0);
  });

  it("never counts a missing step as zero, skips all-NaN steps, and uses a run's last value of a repeated step", () => {
    const stats = groupStatistics([run([0, 2], [0, 4]), run([1, NaN]), run([0, 6])]);
    expect(stats).toEqual([{ x: 0, step: 0, mean: 5, std: Math.SQRT2, count: 2 }]);
  });

  it("places a step at the mean of the runs' x when the axis is not the step", () => {
    const a = [{ x: 100, y: 1, step: 0, timestamp: 0 }];
    const b = [{ x: 300, y: 3, step: 0, timestamp: 0 }];
    expect(groupStatistics([a, b])[0]).toMatchObject({ x: 200, mean: 2 });
  });
});

describe("downsampleBand", () => {
  const stats = Array.from({ length: 10_000 }, (_, step) => ({
    x: step,
    step,
    mean: step === 6000 ? 50 : 1,
    std: step === 3000 ? 20 : 0.5,
    count: 3,
  }));

  it("keeps every point when they fit, the band at mean ± std", () => {
    const { points, sampled } = downsampleBand(stats.slice(0, 10), { buckets: 10 });
    expect(sampled).toBe(false);
    expect(points[0]).toEqual({ x: 0, step: 0, mean: 1, lo: 0.5, hi: 1.5, count: 3 });
  });

  it("keeps the mean's spikes and the band's widest envelope of each bucket", () => {
    const { points, sampled } = downsampleBand(stats, { buckets: 100 });
    expect(sampled).toBe(true);
    expect(points.length).toBeLessThanOrEqual(400);
    expect(points.some((p) => p.step === 6000 && p.mean === 50)).toBe(true);
    expect(Math.max(...points.map((p) => p.hi))).toBe(50.5);
    expect(Math.min(...points.map((p) => p.lo))).toBe(-19);
    expect(points.map((p) => p.x)).toEqual([...points.map((p) => p.x)].sort((a, b) => a - b));
  });

  it("limits to a zoom window", () => {
    const { points } = downsampleBand(stats, { buckets: 100, range: { from: 100, to: 199 } });
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: 100 }, (_, i) => 100 + i));
  });
});

describe("groupMarkers", () => {
  it("keeps the NaN and ±Infinity the mean leaves out: one marker per step and kind, counting the runs", () => {
    const markers = groupMarkers(
      [run([0, 1], [1, NaN], [2, Infinity]), run([0, NaN], [1, NaN], [2, -Infinity]), run([1, 3], [1, NaN])],
      { buckets: 100 },
    );
    expect(markers.map(({ step, kind, count }) => [step, kind, count])).toEqual([
      [0, "nan", 1],
      [1, "nan", 3],
      [2, "+inf", 1],
      [2, "-inf", 1],
    ]);
    // The mean at those steps is over the finite values only; the markers say what was left out.
    expect(groupStatistics([run([1, NaN]), run([1, 3])])).toMatchObject([{ step: 1, mean: 3, count: 1 }]);
  });

  it("counts a run's last value of a repeated step, stays inside a zoom, and thins to one per bucket and kind", () => {
    expect(groupMarkers([run([5, NaN], [5, 1])], { buckets: 10 })).toEqual([]);
    expect(groupMarkers([run([5, 1], [5, NaN])], { buckets: 10 })).toHaveLength(1);
    const many = run(...Array.from({ length: 1000 }, (_, step): [number, number] => [step, NaN]));
    expect(groupMarkers([many], { buckets: 100, range: { from: 100, to: 199 } })).toHaveLength(100);
    const thinned = groupMarkers([many, many], { buckets: 10 });
    expect(thinned).toHaveLength(10);
    expect(thinned.reduce((n, m) => n + m.count, 0)).toBe(2000);
    expect(thinned[0]).toMatchObject({ step: 0, kind: "nan", count: 200 });
  });
});
