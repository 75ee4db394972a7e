import { describe, expect, it } from "vitest";
import { DEFAULT_RUNS_PER_VIEW } from "./schemas";
import { EMPTY_VIEW, parseRunsView, runsViewSearchParams, type RunsView } from "./search-params";

describe("runs view URL state", () => {
  it("round-trips filter, columns, order, grouping and limit, keys with colons and slashes included", () => {
    const view: RunsView = {
      filter: 'params.model = "a" OR metrics.loss < 0.1',
      columns: [
        { type: "param", key: "lr" },
        { type: "tag", key: "team:name" },
        { type: "metric", key: "val/loss", aggregate: "min" },
        { type: "metric", key: "acc", aggregate: "last" },
      ],
      orderBy: [
        { column: { type: "metric", key: "val/loss", aggregate: "min" }, descending: true },
        { column: { type: "attribute", key: "runName" }, descending: false },
      ],
      groupBy: { type: "param", key: "lr" },
      limit: 20_000,
    };
    const url = runsViewSearchParams(view).toString();
    expect(parseRunsView(new URLSearchParams(url))).toEqual(view);
    expect(parseRunsView(Object.fromEntries(new URLSearchParams(url)))).toMatchObject({ filter: view.filter });
    expect(runsViewSearchParams(EMPTY_VIEW).toString()).toBe("");
  });

  it("drops entries a hand-edited URL got wrong, repeats, and metric grouping; clamps the limit", () => {
    const params = new URLSearchParams(
      "col=param:lr&col=param:lr&col=bogus:x&col=metric:avg&col=attribute:nope&order=up:metric:x&order=asc:attribute:startTime&order=desc:attribute:startTime&group=metric:last:acc&limit=999999999",
    );
    expect(parseRunsView(params)).toEqual({
      filter: "",
      columns: [
        { type: "param", key: "lr" },
        { type: "metric", key: "avg", aggregate: "last" },
      ],
      orderBy: [{ column: { type: "attribute", key: "startTime" }, descending: false }],
      groupBy: null,
      limit: 50_000,
    });
    expect(parseRunsView(new URLSearchParams("limit=-3")).limit).toBe(DEFAULT_RUNS_PER_VIEW);
  });

  it("shows a column the view sorts or groups by, and reads the older `metric:key` order form as last", () => {
    const view = parseRunsView(new URLSearchParams("order=desc:metric:loss&group=tag:team"));
    expect(view.columns).toEqual([
      { type: "metric", key: "loss", aggregate: "last" },
      { type: "tag", key: "team" },
    ]);
    expect(view.groupBy).toEqual({ type: "tag", key: "team" });
  });
});
