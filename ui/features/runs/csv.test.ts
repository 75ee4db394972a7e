import { describe, expect, it } from "vitest";
import type { RunColumn } from "./columns";
import { runsToCsv } from "./csv";
import type { RunRow } from "./schemas";

const columns: RunColumn[] = [
  { type: "attribute", key: "runName" },
  { type: "attribute", key: "startTime" },
  { type: "metric", key: "loss", aggregate: "last" },
  { type: "param", key: "note" },
];
const row = (runId: string, cells: RunRow["cells"]): RunRow => ({
  runId,
  experimentId: "1",
  status: "FINISHED",
  startTime: null,
  parentRunId: null,
  cells,
});

describe("runsToCsv", () => {
  it("writes every row with quoting, ISO times, non-finite values and empty cells", () => {
    const csv = runsToCsv(
      columns,
      ["Run name", "Started", "loss", "note"],
      [
        row("r1", ["plain", Date.UTC(2026, 0, 2, 3, 4, 5), 0.25, 'say "hi", then\nleave']),
        row("r2", ["b", null, { nonFinite: "NaN" }, null]),
        row("r3", ["c", null, -1.5, "x"]),
      ],
    );
    expect(csv).toBe(
      [
        "run_id,Run name,Started,loss,note",
        'r1,plain,2026-01-02T03:04:05.000Z,0.25,"say ""hi"", then\nleave"',
        "r2,b,,NaN,",
        "r3,c,,-1.5,x",
        "",
      ].join("\r\n"),
    );
  });

  it("defuses text a spreadsheet would run as a formula, but not negative numbers", () => {
    const csv = runsToCsv(columns, ["a", "b", "c", "d"], [row("r", ["=HYPERLINK(1)", null, -2, "@SUM(A1)"])]);
    expect(csv.split("\r\n")[1]).toBe("r,'=HYPERLINK(1),,-2,'@SUM(A1)");
  });
});
