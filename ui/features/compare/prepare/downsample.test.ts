import { describe, expect, it } from "vitest";
import { downsampleSeries, type ChartPoint, type DownsampledSeries } from "./downsample";
import type { SeriesPoint } from "./series-points";

/** Deterministic noise in [0, 1): a 32-bit LCG (Numerical Recipes constants). */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const T0 = 1_700_000_000_000;

const at = (step: number, value: number): SeriesPoint => ({
  x: step,
  y: value,
  step,
  timestamp: T0 + step,
});

/** A drawn point as `at` places it: x, y and its step's timestamp. */
const drawn = (x: number, y: number | null, step: number): ChartPoint => ({ x, y, step, timestamp: T0 + step });

/** `n` points at steps 0..n-1, valued by `value(step)`. */
const series = (n: number, value: (step: number) => number) =>
  Array.from({ length: n }, (_, step) => at(step, value(step)));

const ys = (result: DownsampledSeries) => result.points.map((p) => p.y);
const numeric = (result: DownsampledSeries) =>
  result.points.filter((p): p is ChartPoint & { y: number } => p.y !== null);

describe("downsampleSeries: spikes", () => {
  it.each([
    ["+spike", 1000],
    ["-spike", -1000],
  ])("keeps a single-point %s among 100,000 flat points at 1,000 buckets", (_, spike) => {
    const points = series(100_000, (step) => (step === 43_210 ? spike : 1));
    const result = downsampleSeries(points, { buckets: 1000 });

    expect(result.sampled).toBe(true);
    expect(result.totalPoints).toBe(100_000);
    expect(result.points.length).toBeLessThanOrEqual(4000);
    expect(result.points).toContainEqual(drawn(43_210, spike, 43_210));
    expect(spike > 0 ? result.yMax : result.yMin).toBe(spike);
    expect(ys(result)).not.toContain(null);
  });

  it("keeps each bucket's minimum and maximum of noisy data, the first and last points, in x order", () => {
    const noise = lcg(7);
    const points = series(50_000, () => noise() * 100 - 50);
    const buckets = 200;
    const result = downsampleSeries(points, { buckets });

    expect(result.points.length).toBeLessThanOrEqual(4 * buckets);
    expect(result.points[0]).toEqual(drawn(0, points[0]!.y, 0));
    expect(result.points.at(-1)).toEqual(drawn(49_999, points.at(-1)!.y, 49_999));
    const xs = result.points.map((p) => p.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));

    const kept = new Set(numeric(result).map((p) => p.x));
    const width = 49_999 / buckets;
    const mins: SeriesPoint[] = [];
    const maxes: SeriesPoint[] = [];
    for (const p of points) {
      const b = Math.min(buckets - 1, Math.floor(p.x / width));
      if (!mins[b] || p.y < mins[b].y) mins[b] = p;
      if (!maxes[b] || p.y > maxes[b].y) maxes[b] = p;
    }
    for (let b = 0; b < buckets; b++) {
      expect(kept.has(mins[b]!.x) && kept.has(maxes[b]!.x), `bucket ${b}`).toBe(true);
    }
    expect(result.yMin).toBe(points.reduce((min, p) => Math.min(min, p.y), Infinity));
    expect(result.yMax).toBe(points.reduce((max, p) => Math.max(max, p.y), -Infinity));
  });

  it("handles 1,000,000 unsorted points without losing the spike", () => {
    const n = 1_000_000;
    const points = series(n, (step) => Math.sin(step / 5000) + (step === 777_777 ? 50 : 0)).reverse();
    const result = downsampleSeries(points, { buckets: 1000 });

    expect(result.totalPoints).toBe(n);
    expect(result.points.length).toBeLessThanOrEqual(4000);
    expect(result.points[0]?.x).toBe(0);
    expect(result.points.at(-1)?.x).toBe(n - 1);
    expect(result.yMax).toBeCloseTo(50 + Math.sin(777_777 / 5000));
    expect(result.points.some((p) => p.x === 777_777)).toBe(true);
  });
});

describe("downsampleSeries: order and range", () => {
  it("returns small input whole, sorted by x, keeping input order for a repeated x", () => {
    const points = [at(3, 30), at(1, 10), { ...at(2, 20), y: 21 }, at(0, 0), at(2, 20)];
    const result = downsampleSeries(points, { buckets: 10 });

    expect(result.sampled).toBe(false);
    expect(result.points).toEqual([drawn(0, 0, 0), drawn(1, 10, 1), drawn(2, 21, 2), drawn(2, 20, 2), drawn(3, 30, 3)]);
    expect(result).toMatchObject({ totalPoints: 5, xMin: 0, xMax: 3, yMin: 0, yMax: 30 });
  });

  it("gives the same result for shuffled input as for sorted input", () => {
    const noise = lcg(42);
    const sorted = series(20_000, () => noise());
    const shuffled = [...sorted];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(noise() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    expect(downsampleSeries(shuffled, { buckets: 100 })).toEqual(downsampleSeries(sorted, { buckets: 100 }));
  });

  it("returns full resolution inside a zoom range (inclusive)", () => {
    const noise = lcg(3);
    const points = series(100_000, () => noise());
    const result = downsampleSeries(points, { buckets: 1000, range: { from: 50_000, to: 51_000 } });

    expect(result.sampled).toBe(false);
    expect(result.totalPoints).toBe(1001);
    expect(result.points).toEqual(
      points.slice(50_000, 51_001).map(({ x, y, step, timestamp }) => ({ x, y, step, timestamp })),
    );
    expect(result).toMatchObject({ xMin: 50_000, xMax: 51_000 });
  });

  it("samples within a range that is still too dense, bucketing over the range", () => {
    const points = series(100_000, (step) => (step === 20_001 ? -5 : 0));
    const result = downsampleSeries(points, { buckets: 10, range: { from: 20_000, to: 30_000 } });

    expect(result.sampled).toBe(true);
    expect(result.points.length).toBeLessThanOrEqual(40);
    expect(result.points[0]?.x).toBe(20_000);
    expect(result.points.at(-1)?.x).toBe(30_000);
    expect(result.points).toContainEqual(drawn(20_001, -5, 20_001));
  });

  it("returns nothing for a range with no points", () => {
    const result = downsampleSeries(
      series(10, () => 1),
      { buckets: 5, range: { from: 20, to: 30 } },
    );
    expect(result).toEqual({
      points: [],
      markers: [],
      totalPoints: 0,
      sampled: false,
      xMin: undefined,
      xMax: undefined,
      yMin: undefined,
      yMax: undefined,
    });
  });
});

describe("downsampleSeries: non-finite values", () => {
  it("turns NaN and ±Infinity into markers that break the line and stay out of yMin/yMax", () => {
    const points = [at(0, 1), at(1, NaN), at(2, 2), at(3, Infinity), at(4, 3), at(5, -Infinity), at(6, 4)];
    const result = downsampleSeries(points, { buckets: 100 });

    expect(result.markers).toEqual([
      { x: 1, kind: "nan", step: 1, timestamp: T0 + 1, count: 1 },
      { x: 3, kind: "+inf", step: 3, timestamp: T0 + 3, count: 1 },
      { x: 5, kind: "-inf", step: 5, timestamp: T0 + 5, count: 1 },
    ]);
    expect(result.points).toEqual([
      drawn(0, 1, 0),
      drawn(1, null, 1),
      drawn(2, 2, 2),
      drawn(3, null, 3),
      drawn(4, 3, 4),
      drawn(5, null, 5),
      drawn(6, 4, 6),
    ]);
    expect(result).toMatchObject({ yMin: 1, yMax: 4, totalPoints: 7 });
  });

  it("breaks a sampled line at a NaN and reports it", () => {
    const points = series(100_000, (step) => (step === 60_000 ? NaN : 2));
    const result = downsampleSeries(points, { buckets: 1000 });

    expect(result.markers).toEqual([{ x: 60_000, kind: "nan", step: 60_000, timestamp: T0 + 60_000, count: 1 }]);
    expect(result.points.filter((p) => p.y === null)).toEqual([drawn(60_000, null, 60_000)]);
    expect(result).toMatchObject({ yMin: 2, yMax: 2 });
  });

  it("groups many non-finite values into one marker per bucket and kind, counting all of them", () => {
    const points = series(100_000, (step) => (step % 2 ? NaN : step % 4 ? Infinity : 1));
    const result = downsampleSeries(points, { buckets: 100 });

    expect(result.markers.length).toBe(200);
    const count = (kind: string) =>
      result.markers.filter((m) => m.kind === kind).reduce((sum, marker) => sum + marker.count, 0);
    expect(count("nan")).toBe(50_000);
    expect(count("+inf")).toBe(25_000);
    expect(numeric(result).length).toBeLessThanOrEqual(400);
    expect(result).toMatchObject({ yMin: 1, yMax: 1 });
  });

  it("returns an all-NaN series as markers only", () => {
    const result = downsampleSeries(
      series(5, () => NaN),
      { buckets: 10 },
    );

    expect(result.points).toEqual([]);
    expect(result.markers.map((m) => [m.x, m.kind])).toEqual([0, 1, 2, 3, 4].map((x) => [x, "nan"]));
    expect(result).toMatchObject({ totalPoints: 5, xMin: 0, xMax: 4, yMin: undefined, yMax: undefined });
  });
});

describe("downsampleSeries: gaps", () => {
  it("breaks the line across missing steps, never filling them with zeros", () => {
    const points = [...series(100, () => 5), ...series(300, () => 6).slice(200)];
    const result = downsampleSeries(points, { buckets: 1000 });

    expect(result.points.length).toBe(201);
    expect(result.points[100]).toEqual(drawn(149.5, null, 99));
    expect(result.points[99]).toMatchObject({ x: 99, y: 5 });
    expect(result.points[101]).toMatchObject({ x: 200, y: 6 });
    expect(ys(result)).not.toContain(0);
  });

  it("breaks a sampled line across a gap", () => {
    const points = series(200_000, () => 1).filter((p) => p.step < 90_000 || p.step >= 110_000);
    const result = downsampleSeries(points, { buckets: 1000 });

    expect(result.points.filter((p) => p.y === null)).toEqual([drawn(99_999.5, null, 89_999)]);
    expect(numeric(result).every((p) => p.y === 1)).toBe(true);
  });

  it("measures gaps against the median spacing, ignoring repeated steps, and can be configured", () => {
    const points = [at(0, 1), at(0, 1), at(1, 1), at(1, 1), at(2, 1), at(8, 1), at(9, 1)];

    expect(ys(downsampleSeries(points, { buckets: 10 }))).not.toContain(null);
    expect(ys(downsampleSeries(points, { buckets: 10, gapFactor: 5 }))).toContain(null);
    expect(ys(downsampleSeries([...points, at(30, 1)], { buckets: 10 }))).toContain(null);
    expect(ys(downsampleSeries([...points, at(30, 1)], { buckets: 10, gapFactor: Infinity }))).not.toContain(null);
    expect(() => downsampleSeries(points, { buckets: 10, gapFactor: 0 })).toThrow(RangeError);
  });
});

describe("downsampleSeries: edge cases", () => {
  it("returns an empty series for empty input", () => {
    expect(downsampleSeries([], { buckets: 1000 })).toEqual({
      points: [],
      markers: [],
      totalPoints: 0,
      sampled: false,
      xMin: undefined,
      xMax: undefined,
      yMin: undefined,
      yMax: undefined,
    });
  });

  it("keeps first, minimum, maximum and last with a single bucket", () => {
    const values = [5, 3, 9, -2, 7, 4, 8, 6];
    const result = downsampleSeries(
      series(values.length, (step) => values[step]!),
      { buckets: 1 },
    );

    expect(result.sampled).toBe(true);
    expect(result.points).toEqual([drawn(0, 5, 0), drawn(2, 9, 2), drawn(3, -2, 3), drawn(7, 6, 7)]);
  });

  it("puts every point in one bucket when all share an x", () => {
    const points = [1, -3, 9, 2, -3, 9, 0, 5, 4, 2].map((value) => at(4, value));
    const result = downsampleSeries(points, { buckets: 2 });

    expect(result.points).toEqual([drawn(4, 1, 4), drawn(4, -3, 4), drawn(4, 9, 4), drawn(4, 2, 4)]);
  });

  it("rejects a bucket count that is not a positive integer", () => {
    for (const buckets of [0, -1, 1.5, NaN]) {
      expect(() => downsampleSeries([], { buckets })).toThrow(RangeError);
    }
  });
});

describe("downsampleSeries: the issue's case", () => {
  it("keeps a single-step spike of 1e6 and the NaN/±Infinity markers in a 100,000-step series", () => {
    const points = series(100_000, (step) =>
      step === 77_777
        ? 1e6
        : step === 5
          ? NaN
          : step === 50_000
            ? Infinity
            : step === 99_000
              ? -Infinity
              : Math.sin(step),
    );
    const result = downsampleSeries(points, { buckets: 1000 });
    expect(result.points.filter((p) => p.y !== null).length).toBeLessThanOrEqual(4000);
    expect(result.points).toContainEqual(drawn(77_777, 1e6, 77_777));
    expect(result.yMax).toBe(1e6);
    expect(result.markers.map((m) => [m.kind, m.step])).toEqual([
      ["nan", 5],
      ["+inf", 50_000],
      ["-inf", 99_000],
    ]);
  });
});
