import { describe, expect, it } from "vitest";
import { posixNormalize, resolvesElsewhere } from "./validation";

describe("posixNormalize matches Python's posixpath.normpath", () => {
  // Expected values are what CPython 3.11's posixpath.normpath returns for each input.
  it.each([
    ["", "."],
    [".", "."],
    ["a", "a"],
    ["a/", "a"],
    ["a//b", "a/b"],
    ["a/./b", "a/b"],
    ["a/../b", "b"],
    ["../a", "../a"],
    ["a/../..", ".."],
    ["/a/../..", "/"],
    ["/a/b", "/a/b"],
    ["a b/c:d", "a b/c:d"],
  ])("normpath(%j) = %j", (input, expected) => {
    expect(posixNormalize(input)).toBe(expected);
  });

  it("flags names MLflow would refuse as not unique", () => {
    // MLflow's path_not_unique also refuses names that merely start with "..", such as "..a".
    for (const name of ["", ".", "a/", "a//b", "./a", "a/../b", "../a", "/a", "..a"])
      expect(resolvesElsewhere(name), name).toBe(true);
    for (const name of ["a", "a/b", "train/loss", "a.b", "a..b"]) expect(resolvesElsewhere(name), name).toBe(false);
  });
});
