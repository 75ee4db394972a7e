import { describe, expect, it } from "vitest";
import { metricDirection, prepareVersionMetrics, type VersionMetricsInput } from "./version-metrics";

const version = (
  v: string,
  metrics: Record<
    string,
    VersionMetricsInput["runMetrics"] extends (infer M)[] | null ? (M extends { value: infer V } ? V : never) : never
  > | null,
): VersionMetricsInput => ({
  version: v,
  runId: metrics ? `run-${v}` : "",
  runName: metrics ? `run ${v}` : null,
  experimentId: metrics ? "1" : null,
  runMetrics: metrics ? Object.entries(metrics).map(([key, value]) => ({ key, value })) : null,
});

describe("metricDirection", () => {
  it("reads losses, errors and costs as lower-is-better, the rest as higher", () => {
    for (const key of ["loss", "val_loss", "test/rmse", "mae", "error_rate", "llm.cost_usd", "latency_ms"])
      expect(metricDirection(key), key).toBe("lower");
    for (const key of ["accuracy", "f1", "auc", "r2", "glossary_size", "terror"])
      expect(metricDirection(key), key).toBe("higher");
  });
});

describe("prepareVersionMetrics", () => {
  it("puts versions side by side, oldest to newest, and marks the best value per metric", () => {
    const table = prepareVersionMetrics([
      version("3", { accuracy: 0.91, loss: 0.2 }),
      version("2", { accuracy: 0.95, loss: 0.3, f1: 0.5 }),
      version("1", { accuracy: 0.8, loss: 0.1 }),
    ]);
    expect(table.columns.map((c) => c.version)).toEqual(["1", "2", "3"]);
    expect(table.rows.map((r) => r.key)).toEqual(["accuracy", "f1", "loss"]);
    const [accuracy, f1, loss] = table.rows;
    expect(accuracy?.cells).toEqual([
      { value: 0.8, best: false },
      { value: 0.95, best: true },
      { value: 0.91, best: false },
    ]);
    expect(loss?.direction).toBe("lower");
    expect(loss?.cells.map((c) => c.best)).toEqual([true, false, false]);
    // Logged by one version only: a gap elsewhere, and nothing to call best.
    expect(f1?.cells).toEqual([
      { value: null, best: false },
      { value: 0.5, best: false },
      { value: null, best: false },
    ]);
  });

  it("leaves out versions without a source run, and marks no best among equal values or non-finite ones", () => {
    const table = prepareVersionMetrics([
      version("4", null),
      version("3", { accuracy: 0.9, loss: "NaN" }),
      version("2", { accuracy: 0.9, loss: 0.4 }),
      version("1", { accuracy: 0.9, loss: "Infinity" }),
    ]);
    expect(table.withoutRun).toEqual(["4"]);
    expect(table.columns.map((c) => c.version)).toEqual(["1", "2", "3"]);
    const [accuracy, loss] = table.rows;
    expect(accuracy?.cells.every((c) => !c.best)).toBe(true);
    expect(loss?.cells.map((c) => c.value)).toEqual([Infinity, 0.4, NaN]);
    // One finite value: nothing to compare it with.
    expect(loss?.cells.every((c) => !c.best)).toBe(true);
  });

  it("marks every version sharing the best value, and compares only the newest columns", () => {
    const table = prepareVersionMetrics(
      [version("1", { auc: 0.7 }), version("2", { auc: 0.9 }), version("3", { auc: 0.9 }), version("10", { auc: 0.8 })],
      { maxColumns: 3 },
    );
    expect(table.columns.map((c) => c.version)).toEqual(["2", "3", "10"]);
    expect(table.beyondLimit).toEqual(["1"]);
    expect(table.rows[0]?.cells.map((c) => c.best)).toEqual([true, true, false]);
  });

  it("is empty without versions", () => {
    expect(prepareVersionMetrics([])).toEqual({ columns: [], rows: [], withoutRun: [], beyondLimit: [] });
  });
});
