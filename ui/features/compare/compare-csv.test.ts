import { describe, expect, it } from "vitest";
import { compareMetricsCsv, summariesByRun } from "./compare-csv";
import type { CompareRun, MetricSummary } from "./schemas";

const compareRun = (runId: string, runName: string, metrics: CompareRun["metrics"]): CompareRun => ({
  runId,
  runName,
  experimentId: "1",
  experimentName: "exp, one",
  status: "FINISHED",
  startTime: 0,
  endTime: 1,
  params: {},
  metrics,
  tags: {},
});

const summary = (runId: string, key: string, min: MetricSummary["min"], max: MetricSummary["max"]): MetricSummary => ({
  runId,
  key,
  points: 3,
  min,
  minStep: 0,
  max,
  maxStep: 2,
  nan: 0,
});

describe("compareMetricsCsv", () => {
  const runs = [
    compareRun("r1", '=HYPERLINK("http://x")', {
      loss: { value: 0.5, step: 2, timestamp: 0 },
      acc: { value: { nonFinite: "NaN" }, step: 2, timestamp: 0 },
    }),
    compareRun("r2", "plain", { loss: { value: 0.25, step: 1, timestamp: 0 } }),
  ];
  const summaries = summariesByRun([
    summary("r1", "loss", 0.5, 2),
    summary("r1", "acc", -1, { nonFinite: "Infinity" }),
    summary("r2", "loss", 0.25, 1),
  ]);

  it("writes one row per run: id, name, experiment, then last/min/max per metric", () => {
    const csv = compareMetricsCsv(runs, ["loss", "acc"], summaries);
    expect(csv.split("\r\n")).toEqual([
      "run_id,run_name,experiment,loss (last),loss (min),loss (max),acc (last),acc (min),acc (max)",
      `r1,"'=HYPERLINK(""http://x"")","exp, one",0.5,0.5,2,NaN,-1,Infinity`,
      'r2,plain,"exp, one",0.25,0.25,1,,,',
      "",
    ]);
  });

  it("defuses formula starts in names and keys, and leaves negative numbers alone", () => {
    const csv = compareMetricsCsv(
      [compareRun("r3", "@cmd", { "-x": { value: -3, step: 0, timestamp: 0 } })],
      ["-x"],
      new Map(),
    );
    const [header, row] = csv.split("\r\n");
    expect(header).toBe("run_id,run_name,experiment,'-x (last),'-x (min),'-x (max)");
    expect(row).toBe(`r3,'@cmd,"exp, one",-3,,`);
  });

  it("no runs: the header alone", () => {
    expect(compareMetricsCsv([], ["loss"], new Map())).toBe(
      "run_id,run_name,experiment,loss (last),loss (min),loss (max)\r\n",
    );
  });
});
