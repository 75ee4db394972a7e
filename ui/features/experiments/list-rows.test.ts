import { describe, expect, it } from "vitest";
import { experimentRows } from "./list-rows";
import type { ExperimentSummary } from "./schemas";

const experiment = (experimentId: string): ExperimentSummary => ({
  experimentId,
  name: `e-${experimentId}`,
  lifecycleStage: "active",
  creationTime: 1,
  lastUpdateTime: 1,
  description: "",
});

describe("experimentRows", () => {
  it("flattens pages in order and keeps the first sighting of an experiment that shifted across pages", () => {
    const rows = experimentRows([
      { items: [experiment("3"), experiment("2")], nextPageToken: "t" },
      { items: [experiment("2"), experiment("1")] },
    ]);
    expect(rows.map((row) => row.experimentId)).toEqual(["3", "2", "1"]);
  });

  it("is empty before anything loads", () => {
    expect(experimentRows(undefined)).toEqual([]);
    expect(experimentRows([{ items: [] }])).toEqual([]);
  });
});
