import { describe, expect, it } from "vitest";
import { parseRunsView, runsViewSearchParams, type RunsView } from "./search-params";

describe("runs view URL state", () => {
  it("round-trips filter, columns and order, keys with colons and slashes included", () => {
    const view: RunsView = {
      filter: 'params.model = "a" OR metrics.loss < 0.1',
      columns: [
        { type: "param", key: "lr" },
        { type: "tag", key: "team:name" },
        { type: "metric", key: "val/loss", aggregate: "min" },
        { type: "metric", key: "acc", aggregate: "last" },
      ],
      orderBy: [{ column: { type: "metric", key: "val/loss" }, descending: true }],
    };
    const url = runsViewSearchParams(view).toString();
    expect(parseRunsView(new URLSearchParams(url))).toEqual(view);
    expect(parseRunsView(Object.fromEntries(new URLSearchParams(url)))).toMatchObject({ filter: view.filter });
  });

  it("drops entries a hand-edited URL got wrong, and repeated columns", () => {
    const params = new URLSearchParams(
      "col=param:lr&col=param:lr&col=bogus:x&col=metric:avg&col=attribute:nope&order=up:metric:x&order=asc:attribute:startTime",
    );
    expect(parseRunsView(params)).toEqual({
      filter: "",
      columns: [
        { type: "param", key: "lr" },
        { type: "metric", key: "avg", aggregate: "last" },
      ],
      orderBy: [{ column: { type: "attribute", key: "startTime" }, descending: false }],
    });
  });
});
