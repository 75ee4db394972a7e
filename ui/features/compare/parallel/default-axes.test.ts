import { describe, expect, it } from "vitest";
import { axisChoices, defaultParallelAxes, differingParams } from "./default-axes";
import { compareRun } from "./run-fixture.test-helper";

describe("default parallel axes", () => {
  const runs = [
    compareRun("a", { lr: "0.1", seed: "1", opt: "adam" }, { loss: 0.5, acc: 0.9, extra: 1 }),
    compareRun("b", { lr: "0.01", seed: "1", opt: "adam", dropout: "0.2" }, { loss: 0.4, acc: 0.92 }),
  ];

  it("offers every param and metric key, sorted", () => {
    expect(axisChoices(runs)).toEqual({ params: ["dropout", "lr", "opt", "seed"], metrics: ["acc", "extra", "loss"] });
  });

  it("picks the params that differ (missing counts as different), then the two most common metrics", () => {
    expect(differingParams(runs)).toEqual(["dropout", "lr"]);
    expect(defaultParallelAxes(runs)).toEqual(["param:dropout", "param:lr", "metric:acc", "metric:loss"]);
  });

  it("falls back to every param when none differs", () => {
    const same = [compareRun("a", { lr: "0.1" }, { loss: 1 }), compareRun("b", { lr: "0.1" }, { loss: 2 })];
    expect(defaultParallelAxes(same)).toEqual(["param:lr", "metric:loss"]);
  });

  it("is empty without params or metrics", () => {
    expect(defaultParallelAxes([compareRun("a")])).toEqual([]);
  });
});
