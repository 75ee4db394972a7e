import { describe, expect, it } from "vitest";
import {
  EMPTY_COMPARE_VIEW,
  MAX_COMPARED_RUNS,
  compareViewSearchParams,
  parseCompareView,
  type CompareView,
} from "./search-params";

describe("compare view URL state", () => {
  it("round-trips every setting, keys with colons included", () => {
    const view: CompareView = {
      runIds: ["a1", "b2", "c3"],
      metricKeys: ["loss", "val:acc"],
      xAxis: "metric:epoch:1",
      logY: true,
      smoothing: 0.6,
      groupBy: "param:model",
      hidden: ["b2"],
      onlyDiff: true,
      parallelAxes: ["param:lr", "metric:val:acc"],
      brushes: [{ axis: "metric:val:acc", from: 0.1, to: 0.4 }],
      picks: [{ axis: "param:opt:name", values: ["adam", "a:b %2F c", ""] }],
      scatter: { x: "param:lr", y: "metric:loss" },
      images: { path: "images/", step: 100 },
      zooms: [{ key: "val:acc", from: 10, to: 500 }],
      best: [{ key: "val:acc", direction: "min" }],
      paramsByRun: true,
    };
    const url = compareViewSearchParams(view).toString();
    expect(parseCompareView(new URLSearchParams(url))).toEqual(view);
    expect(parseCompareView(Object.fromEntries(new URLSearchParams("runs=a1,b2&m=loss")))).toMatchObject({
      runIds: ["a1", "b2"],
      metricKeys: ["loss"],
    });
    expect(compareViewSearchParams(EMPTY_COMPARE_VIEW).toString()).toBe("");
  });

  it("drops what a hand-edited URL got wrong, and caps the run set", () => {
    const runs = Array.from({ length: MAX_COMPARED_RUNS + 10 }, (_, i) => `r${i}`);
    const params = new URLSearchParams(
      `runs=${runs.join(",")},bad'id,r1&x=metric&smooth=7&group=metric:loss&pc=bogus:x&brush=a:1:param:lr&sx=param:&imgstep=1.5&zoom=5:1:loss&pick=%E0%A4%A:param:opt&pick=sgd:param:opt&pick=sgd:param:opt&pick=x:bogus`,
    );
    const view = parseCompareView(params);
    expect(view.runIds).toHaveLength(MAX_COMPARED_RUNS);
    expect(view.runIds).not.toContain("bad'id");
    expect(view).toMatchObject({
      xAxis: "step",
      smoothing: 0.99,
      groupBy: null,
      parallelAxes: [],
      brushes: [],
      picks: [{ axis: "param:opt", values: ["sgd"] }],
      scatter: { x: null, y: null },
      images: { path: null, step: null },
      zooms: [{ key: "loss", from: 1, to: 5 }],
    });
  });

  it("best: the metrics table's chosen direction per metric; the last choice per key wins, bad ones dropped", () => {
    const view = parseCompareView(
      new URLSearchParams("best=max:loss&best=up:acc&best=min:&best=min:loss&best=max:a:b"),
    );
    expect(view.best).toEqual([
      { key: "loss", direction: "min" },
      { key: "a:b", direction: "max" },
    ]);
    expect(compareViewSearchParams({ ...EMPTY_COMPARE_VIEW, best: view.best }).getAll("best")).toEqual([
      "min:loss",
      "max:a:b",
    ]);
  });
});
