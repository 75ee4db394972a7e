import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./sign-in-screen";

describe("safeCallbackUrl", () => {
  it("keeps a path on this site", () => {
    expect(safeCallbackUrl("/experiments/1?view=table")).toBe("/experiments/1?view=table");
  });

  it.each([
    ["another origin", "https://evil.example/"],
    ["a protocol-relative URL", "//evil.example/x"],
    ["a backslash trick", "/\\evil.example"],
    ["the sign-in page itself", "/signin?callbackUrl=/x"],
    ["a script URL", "javascript:alert(1)"],
    ["nothing", undefined],
    ["a repeated parameter", ["/a", "/b"]],
  ])("sends %s to the experiments instead", (_what, value) => {
    expect(safeCallbackUrl(value)).toBe("/experiments");
  });
});
