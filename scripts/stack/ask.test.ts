import { describe, expect, it } from "vitest";
import { isYes } from "./ask";

describe("isYes", () => {
  it.each(["y", "Y", "yes", "YES", "Yes", "  y  ", "yes\n"])("%j is a yes", (answer) => {
    expect(isYes(answer)).toBe(true);
  });

  it.each(["", "n", "no", "N", "yep", "yes please", "ye", "sure", "1", "y y"])("%j keeps everything", (answer) => {
    expect(isYes(answer)).toBe(false);
  });

  it("no answer at all (end of input, Ctrl-C) keeps everything", () => {
    expect(isYes(undefined)).toBe(false);
  });
});
