import { describe, expect, it } from "vitest";
import { overlayPoints, xMetricKey } from "./overlay-points";
import { toMetricColumns } from "./series-points";
import { joinOnStep } from "./x-metric";

const columns = (...points: [step: number, value: number, timestamp?: number][]) =>
  toMetricColumns(points.map(([step, value, timestamp]) => ({ step, value, timestamp: timestamp ?? 1000 + step })));

describe("joinOnStep", () => {
  it("places each point at the other metric's value at the same step, leaving out steps it lacks", () => {
    const loss = columns([0, 2], [1, 1.5], [2, 1], [3, 0.5]);
    const epoch = columns([0, 0], [2, 1], [3, 1.5]);
    expect(joinOnStep(loss, epoch).map((p) => [p.x, p.y, p.step])).toEqual([
      [0, 2, 0],
      [1, 1, 2],
      [1.5, 0.5, 3],
    ]);
  });

  it("takes the x-metric's latest value where it logged a step twice, and keeps non-finite y", () => {
    const acc = columns([5, NaN]);
    const lr = columns([5, 0.1, 10], [5, 0.2, 20], [5, 0.05, 15]);
    expect(joinOnStep(acc, lr)).toEqual([{ x: 0.2, y: NaN, step: 5, timestamp: 1005 }]);
  });
});

describe("overlayPoints", () => {
  const loss = columns([0, 4, 5000], [10, 3, 6000]);
  it("uses the step, wall time or relative time as the run page does", () => {
    expect(overlayPoints(loss, "step").map((p) => p.x)).toEqual([0, 10]);
    expect(overlayPoints(loss, "time").map((p) => p.x)).toEqual([5000, 6000]);
    expect(overlayPoints(loss, "time-relative").map((p) => p.x)).toEqual([0, 1000]);
  });
  it("joins on step for metric:<key>, and needs that history", () => {
    expect(xMetricKey("metric:a:b")).toBe("a:b");
    expect(xMetricKey("step")).toBeNull();
    expect(overlayPoints(loss, "metric:epoch", columns([10, 1])).map((p) => [p.x, p.y])).toEqual([[1, 3]]);
    expect(() => overlayPoints(loss, "metric:epoch")).toThrow(/needs/);
  });
});
