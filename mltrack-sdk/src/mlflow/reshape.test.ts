import { describe, expect, it } from "vitest";
import { fromStoredDouble, toMetric } from "./reshape";

describe("metric values as MLflow's SQL store returns them", () => {
  it("reads the stored ±Number.MAX_VALUE back as the ±Infinity that was logged, and keeps the rest", () => {
    expect(fromStoredDouble(Number.MAX_VALUE)).toBe(Infinity);
    expect(fromStoredDouble(-Number.MAX_VALUE)).toBe(-Infinity);
    expect(fromStoredDouble(1e308)).toBe(1e308);
    expect(Number.isNaN(fromStoredDouble(Number.NaN))).toBe(true);
    expect(toMetric({ key: "loss", value: -Number.MAX_VALUE, timestamp: 5, step: 2 })).toEqual({
      key: "loss",
      value: -Infinity,
      timestamp: 5,
      step: 2,
    });
  });
});
