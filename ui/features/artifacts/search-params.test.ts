import { describe, expect, it } from "vitest";
import { artifactSelectionSearch, parseArtifactSelection, sameSelection } from "./search-params";

const params = (search: string) => new URLSearchParams(search);

describe("artifact selection in the URL", () => {
  it("reads a run artifact path", () => {
    expect(parseArtifactSelection(params("?tab=artifacts&path=plots/loss.png"), "r1")).toEqual({
      source: { kind: "run", runId: "r1" },
      path: "plots/loss.png",
    });
  });

  it("reads a logged model's root and files", () => {
    expect(parseArtifactSelection(params("?tab=artifacts&model=m-123"), "r1")).toEqual({
      source: { kind: "logged-model", modelId: "m-123" },
      path: "",
    });
    expect(parseArtifactSelection(params("?model=m-123&path=MLmodel"), "r1")?.path).toBe("MLmodel");
  });

  it("has no selection without a path, or with a model id that is not one", () => {
    expect(parseArtifactSelection(params("?tab=artifacts"), "r1")).toBeNull();
    expect(parseArtifactSelection(params("?tab=artifacts&path=/"), "r1")).toBeNull();
    expect(parseArtifactSelection(params("?model=a'b"), "r1")).toBeNull();
  });

  it("keeps '..' for the server to refuse", () => {
    expect(parseArtifactSelection(params("?path=a/../../etc/passwd"), "r1")?.path).toBe("a/../../etc/passwd");
  });

  it("writes the selection, keeping other parameters and replacing the old one", () => {
    const current = params("?tab=artifacts&path=old.txt&x=1");
    expect(artifactSelectionSearch(current, { source: { kind: "run", runId: "r1" }, path: "a b/c&d.txt" })).toBe(
      "?tab=artifacts&x=1&path=a+b%2Fc%26d.txt",
    );
    expect(artifactSelectionSearch(current, { source: { kind: "logged-model", modelId: "m-1" }, path: "" })).toBe(
      "?tab=artifacts&x=1&model=m-1",
    );
    expect(artifactSelectionSearch(current, null)).toBe("?tab=artifacts&x=1");
  });

  it("round-trips through the URL", () => {
    const selection = { source: { kind: "logged-model" as const, modelId: "m-9" }, path: "sub/f.json" };
    const back = parseArtifactSelection(params(artifactSelectionSearch(params(""), selection)), "r1");
    expect(sameSelection(back, selection)).toBe(true);
  });
});
