import { describe, expect, it } from "vitest";
import { nestRuns, type RunNode } from "./nest-runs";
import type { RunRow } from "./schemas";

const row = (runId: string, parentRunId: string | null = null): RunRow => ({
  runId,
  experimentId: "1",
  status: "FINISHED",
  startTime: null,
  parentRunId,
  cells: [runId],
});

/** The tree, depth-first, indented by depth. */
const shown = (nodes: RunNode[], depth = 0): string[] =>
  nodes.flatMap((n) => [`${"  ".repeat(depth)}${n.row.runId}`, ...shown(n.children, depth + 1)]);

describe("nestRuns", () => {
  it("puts children under their parent in the view's order, at any depth; orphans stay on top", () => {
    const rows = [row("p1"), row("c1", "p1"), row("p2"), row("g1", "c1"), row("c2", "p1"), row("orphan", "elsewhere")];
    expect(shown(nestRuns(rows))).toEqual(["p1", "  c1", "    g1", "  c2", "p2", "orphan"]);
  });

  it("keeps a child's place in a sorted view even when it comes before its parent", () => {
    const rows = [row("c2", "p"), row("x"), row("p"), row("c1", "p")];
    expect(shown(nestRuns(rows))).toEqual(["x", "p", "  c2", "  c1"]);
  });

  it("survives parent cycles and self-parents without looping or losing runs", () => {
    const cyclic = [row("a", "b"), row("b", "a"), row("self", "self")];
    expect(shown(nestRuns(cyclic))).toEqual(["a", "  b", "self"]);
  });
});
