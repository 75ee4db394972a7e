import { describe, expect, it } from "vitest";
import { modelRows } from "./list-rows";
import type { RegisteredModelSummary } from "./schemas";
import {
  modelHref,
  modelListParams,
  modelListViewSearchParams,
  parseModelListView,
  parseSelectedVersion,
  versionAnchor,
} from "./search-params";

describe("the models list URL", () => {
  it("round-trips the name search; the plain list is plain", () => {
    const view = parseModelListView(new URLSearchParams("q=%20churn%20"));
    expect(view).toEqual({ q: "churn" });
    expect(modelListViewSearchParams(view).toString()).toBe("q=churn");
    expect(modelListViewSearchParams({ q: "" }).toString()).toBe("");
    expect(parseModelListView({ q: ["a", "b"] })).toEqual({ q: "a" });
    expect(parseModelListView({ q: "x".repeat(300) }).q).toHaveLength(256);
    expect(modelListParams({ q: "" }, "tok")).toEqual({ pageToken: "tok" });
  });
});

describe("a model page's version", () => {
  it("takes only a positive version number from ?version=", () => {
    expect(parseSelectedVersion(new URLSearchParams("version=12"))).toBe("12");
    for (const bad of ["0", "-1", "1.5", "abc", "", "01"])
      expect(parseSelectedVersion(new URLSearchParams({ version: bad })), bad).toBeNull();
    expect(parseSelectedVersion({})).toBeNull();
  });

  it("links to a model (names are encoded) and anchors each version", () => {
    expect(modelHref("fraud model#1", "3")).toBe("/models/fraud%20model%231?version=3");
    expect(modelHref("churn")).toBe("/models/churn");
    expect(versionAnchor("3")).toBe("version-3");
  });
});

describe("modelRows", () => {
  it("joins pages and keeps the first sighting of a name that shifted across a page boundary", () => {
    const row = (name: string): RegisteredModelSummary => ({
      name,
      description: "",
      lastUpdatedTimestamp: null,
      latestVersions: [],
      aliases: [],
      tags: [],
    });
    expect(
      modelRows([{ items: [row("a"), row("b")], nextPageToken: "t" }, { items: [row("b"), row("c")] }]).map(
        (m) => m.name,
      ),
    ).toEqual(["a", "b", "c"]);
    expect(modelRows(undefined)).toEqual([]);
  });
});
