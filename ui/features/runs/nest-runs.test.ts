import { describe, expect, it } from "vitest";
import { nestRuns } from "./nest-runs";
import type { RunRow } from "./schemas";

const row = (runId: string, parentRunId: string | null = null): RunRow => ({
  runId,
  experimentId: "1",
  status: "FINISHED",
  parentRunId,
  cells: [runId],
});

const shown = (rows: ReturnType<typeof nestRuns>) => rows.map((r) => `${"  ".repeat(r.depth)}${r.row.runId}`);

describe("nestRuns", () => {
  const rows = [row("p1"), row("c1", "p1"), row("p2"), row("g1", "c1"), row("c2", "p1"), row("orphan", "elsewhere")];

  it("hides children under collapsed parents and counts them", () => {
    const out = nestRuns(rows, new Set());
    expect(shown(out)).toEqual(["p1", "p2", "orphan"]);
    expect(out[0]?.childCount).toBe(2);
  });

  it("shows children after their expanded parent, in result order, nested as deep as expanded", () => {
    expect(shown(nestRuns(rows, new Set(["p1"])))).toEqual(["p1", "  c1", "  c2", "p2", "orphan"]);
    expect(shown(nestRuns(rows, new Set(["p1", "c1"])))).toEqual(["p1", "  c1", "    g1", "  c2", "p2", "orphan"]);
    // A grandchild stays hidden while its own parent is collapsed.
    expect(shown(nestRuns(rows, new Set(["c1"])))).toEqual(["p1", "p2", "orphan"]);
  });

  it("survives parent cycles and self-parents without looping or losing runs", () => {
    const cyclic = [row("a", "b"), row("b", "a"), row("self", "self")];
    expect(shown(nestRuns(cyclic, new Set()))).toEqual(["a", "self"]);
    expect(shown(nestRuns(cyclic, new Set(["a", "b"])))).toEqual(["a", "  b", "self"]);
  });
});
