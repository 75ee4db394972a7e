import { describe, expect, it } from "vitest";
import { defaultMetricKeys, metricKeyUnion } from "./metric-keys";

const run = (...keys: string[]) => ({ metrics: Object.fromEntries(keys.map((k) => [k, 1])) });

describe("metric keys", () => {
  it("lists every key once, sorted", () => {
    expect(metricKeyUnion([run("loss", "acc"), run("lr", "loss")])).toEqual(["acc", "loss", "lr"]);
  });
  it("defaults to the keys every run logged first, then the most common, system metrics last", () => {
    const runs = [
      run("loss", "acc", "system/cpu", "b"),
      run("loss", "acc", "system/cpu", "z"),
      run("loss", "acc", "system/cpu"),
    ];
    expect(defaultMetricKeys(runs, 3)).toEqual(["acc", "loss", "b"]);
    expect(defaultMetricKeys([])).toEqual([]);
  });
});
