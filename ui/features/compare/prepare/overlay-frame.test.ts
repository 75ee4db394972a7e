import { describe, expect, it } from "vitest";
import { nearestPoint, overlayFrame, overlaySvg, polylines, type OverlayLine } from "./overlay-frame";
import { groupRuns } from "./run-groups";

const line = (id: string, ys: (number | null)[], alpha = 1): OverlayLine => ({
  id,
  label: id,
  color: "#123456",
  alpha,
  width: 1.5,
  points: ys.map((y, step) => ({ x: step, y, step })),
});

describe("overlayFrame", () => {
  it("spans the data (bands included) and maps values to pixels inside the plot", () => {
    const frame = overlayFrame({
      width: 400,
      height: 200,
      xAxis: "step",
      logY: false,
      lines: [line("a", [1, 2, 3])],
      bands: [{ id: "g", label: "g", color: "#000", points: [{ x: 1, lo: -5, hi: 8 }] }],
      markers: [],
    });
    expect(frame.xDomain).toEqual([0, 2]);
    expect(frame.yScale.domain[0]).toBeLessThanOrEqual(-5);
    expect(frame.yScale.domain[1]).toBeGreaterThanOrEqual(8);
    expect(frame.px(0)).toBe(frame.plot.left);
    expect(frame.px(2)).toBe(frame.plot.left + frame.plot.width);
    expect(frame.invertX(frame.px(1.5))).toBeCloseTo(1.5);
  });

  it("leaves values ≤ 0 off a log axis and honours a zoom window", () => {
    const frame = overlayFrame({
      width: 400,
      height: 200,
      xAxis: "step",
      logY: true,
      range: { from: 1, to: 2 },
      lines: [line("a", [0, 10, 1000])],
      bands: [],
      markers: [],
    });
    expect(frame.xDomain).toEqual([1, 2]);
    expect(frame.py(0)).toBeNull();
    expect(frame.yScale.domain).toEqual([10, 1000]);
    expect(polylines(frame, line("a", [0, 10, 1000]))).toHaveLength(1);
  });

  it("breaks a line at nulls and finds the nearest drawn point for a tooltip", () => {
    const frame = overlayFrame({
      width: 400,
      height: 200,
      xAxis: "step",
      logY: false,
      lines: [line("a", [1, null, 3, 4])],
      bands: [],
      markers: [],
    });
    expect(polylines(frame, line("a", [1, null, 3, 4])).map((part) => part.length)).toEqual([1, 2]);
    const hit = nearestPoint(frame, [line("faint", [4, 4, 4, 4], 0.3), line("a", [1, null, 3, 4])], {
      px: frame.px(2),
      py: frame.py(3)!,
    });
    expect(hit?.line.id).toBe("a");
    expect(hit?.point).toEqual({ x: 2, y: 3, step: 2 });
  });
});

describe("overlaySvg", () => {
  it("draws the same series as a standalone SVG, escaping names", () => {
    const lines = [{ ...line("a", [1, 2]), label: `<script>"x"</script>` }];
    const frame = overlayFrame({ width: 300, height: 150, xAxis: "step", logY: false, lines, bands: [], markers: [] });
    const svg = overlaySvg(frame, {
      title: "loss & acc",
      lines,
      bands: [],
      markers: [{ x: 1, kind: "nan", color: "#f00", label: "a" }],
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("loss &amp; acc");
    expect(svg).toContain("&lt;script&gt;&quot;x&quot;&lt;/script&gt;");
    expect(svg).not.toContain("<script>");
    expect(svg.match(/<polyline/g)).toHaveLength(1);
  });
});

describe("groupRuns", () => {
  it("groups by a param or tag value in order of appearance, runs without it together", () => {
    const runs: { runId: string; params: Record<string, string>; tags: Record<string, string> }[] = [
      { runId: "r1", params: { lr: "0.1" }, tags: {} },
      { runId: "r2", params: { lr: "0.01" }, tags: { team: "a" } },
      { runId: "r3", params: { lr: "0.1" }, tags: {} },
    ];
    expect(groupRuns(runs, "param:lr")).toEqual([
      { id: "0.1", runIds: ["r1", "r3"] },
      { id: "0.01", runIds: ["r2"] },
    ]);
    expect(groupRuns(runs, "tag:team")).toEqual([
      { id: "(none)", runIds: ["r1", "r3"] },
      { id: "a", runIds: ["r2"] },
    ]);
  });
});
