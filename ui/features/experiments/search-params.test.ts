import { describe, expect, it } from "vitest";
import {
  DEFAULT_EXPERIMENT_LIST_VIEW,
  EXPERIMENT_SORT_VALUES,
  experimentListParams,
  experimentListViewSearchParams,
  experimentOrderBy,
  experimentViewType,
  parseExperimentListView,
  parseExperimentSort,
  type ExperimentListView,
} from "./search-params";

describe("experiments list URL state", () => {
  it("round-trips search, sort and view through the URL", () => {
    const views: ExperimentListView[] = [
      { q: "churn 100% a_b 'quoted' & more", sort: { field: "name", descending: false }, view: "deleted" },
      { q: "", sort: { field: "created", descending: true }, view: "all" },
      { q: "x", sort: { field: "updated", descending: false }, view: "active" },
      DEFAULT_EXPERIMENT_LIST_VIEW,
    ];
    for (const view of views) {
      const url = experimentListViewSearchParams(view).toString();
      expect(parseExperimentListView(new URLSearchParams(url))).toEqual(view);
      // The server page gets Next's searchParams object, not URLSearchParams.
      expect(parseExperimentListView(Object.fromEntries(new URLSearchParams(url)))).toEqual(view);
    }
  });

  it("leaves defaults out of the URL", () => {
    expect(experimentListViewSearchParams(DEFAULT_EXPERIMENT_LIST_VIEW).toString()).toBe("");
    expect(
      experimentListViewSearchParams({
        q: "  a b ",
        sort: { field: "name", descending: false },
        view: "deleted",
      }).toString(),
    ).toBe("q=a+b&sort=name%3Aasc&view=deleted");
  });

  it("drops values a hand-edited URL got wrong", () => {
    for (const sort of ["name", "name:up", "size:asc", "name:asc:x", ":asc", "__proto__:asc", "toString:desc"])
      expect(parseExperimentSort(sort), sort).toBeUndefined();
    expect(parseExperimentListView(new URLSearchParams("sort=bogus:asc&view=archived&q=%20%20"))).toEqual(
      DEFAULT_EXPERIMENT_LIST_VIEW,
    );
    // A repeated parameter: the first one counts, as in Next's page props.
    expect(parseExperimentListView({ q: ["first", "second"], view: ["all", "deleted"] })).toMatchObject({
      q: "first",
      view: "all",
    });
    expect(parseExperimentListView({ q: "x".repeat(600) }).q).toHaveLength(500);
  });

  it("parses every sort the API accepts", () => {
    for (const value of EXPERIMENT_SORT_VALUES) expect(parseExperimentSort(value), value).toBeDefined();
  });

  it("maps to MLflow's order_by with experiment_id as the tie-break, and to its view_type", () => {
    expect(experimentOrderBy({ field: "name", descending: false })).toEqual(["name ASC", "experiment_id ASC"]);
    expect(experimentOrderBy({ field: "created", descending: true })).toEqual([
      "creation_time DESC",
      "experiment_id DESC",
    ]);
    expect(experimentOrderBy({ field: "updated", descending: true })).toEqual([
      "last_update_time DESC",
      "experiment_id DESC",
    ]);
    expect(experimentViewType("active")).toBe("ACTIVE_ONLY");
    expect(experimentViewType("deleted")).toBe("DELETED_ONLY");
    expect(experimentViewType("all")).toBe("ALL");
  });

  it("builds the list API's query for a page", () => {
    expect(experimentListParams(DEFAULT_EXPERIMENT_LIST_VIEW)).toEqual({ sort: "updated:desc", view: "active" });
    expect(experimentListParams({ q: "a", sort: { field: "name", descending: false }, view: "all" }, "tok")).toEqual({
      q: "a",
      sort: "name:asc",
      view: "all",
      pageToken: "tok",
    });
  });
});
