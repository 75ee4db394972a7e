import { describe, expect, it } from "vitest";
import { liveTargets, mergeLiveRuns, type LoadedPages } from "./live-merge";
import type { RunRow, RunSearchResult } from "./schemas";

const row = (runId: string, startTime: number, status: RunRow["status"] = "FINISHED", loss = 1): RunRow => ({
  runId,
  experimentId: "1",
  status,
  startTime,
  parentRunId: null,
  cells: [runId, loss],
});
const page = (runs: RunRow[]): RunSearchResult => ({
  runs,
  nextCursor: null,
  overflow: false,
  searches: 1,
  keys: { params: [], metrics: [], tags: [] },
});

describe("live refresh of a runs view", () => {
  const loaded: LoadedPages = {
    pages: [page([row("r3", 30, "RUNNING"), row("r2", 20)]), page([row("r1", 10, "SCHEDULED")])],
    pageParams: [null, { startTime: 20, runIds: ["r2"] }],
  };

  it("asks for the runs still going and for runs newer than the newest loaded", () => {
    expect(liveTargets(loaded.pages.flatMap((p) => p.runs))).toEqual({ runIds: ["r3", "r1"], startedAfter: 30 });
    expect(liveTargets([])).toEqual({ runIds: [], startedAfter: null });
  });

  it("replaces changed rows in place and keeps every unchanged row and page the same object", () => {
    const { data, changed } = mergeLiveRuns(loaded, [row("r3", 30, "FINISHED", 0.5), row("r1", 10, "SCHEDULED")]);
    expect(changed).toBe(1);
    expect(data.pages[0]!.runs[0]).toEqual(row("r3", 30, "FINISHED", 0.5));
    expect(data.pages[0]!.runs[1]).toBe(loaded.pages[0]!.runs[1]);
    expect(data.pages[1]).toBe(loaded.pages[1]);
    expect(data.pageParams).toBe(loaded.pageParams);
  });

  it("adds new runs to the top of the first page, newest first", () => {
    const { data, changed } = mergeLiveRuns(loaded, [row("r4", 40), row("r5", 50, "RUNNING")]);
    expect(changed).toBe(2);
    expect(data.pages[0]!.runs.map((r) => r.runId)).toEqual(["r5", "r4", "r3", "r2"]);
  });

  it("returns the very same data when nothing changed", () => {
    const result = mergeLiveRuns(loaded, [row("r3", 30, "RUNNING")]);
    expect(result.changed).toBe(0);
    expect(result.data).toBe(loaded);
  });
});
