import { describe, expect, it } from "vitest";
import { formatDuration, formatNumber, safeText, table } from "./format";

describe("cli format", () => {
  it("shows control characters instead of sending them to the terminal", () => {
    expect(safeText("a\u001b[2Jb\nc\u0007")).toBe("a\\x1b[2Jb\\nc\\x07");
  });

  it("pads columns to their widest cell and trims trailing space", () => {
    expect(
      table(
        ["A", "BB"],
        [
          ["xxx", "y"],
          ["z", ""],
        ],
      ),
    ).toBe("A    BB\nxxx  y\nz");
  });

  it("formats durations and numbers for people", () => {
    expect(formatDuration(0, 1500)).toBe("1.5 s");
    expect(formatDuration(0, 3_723_000)).toBe("1 h 2 min");
    expect(formatDuration(null, 5)).toBe("-");
    expect([NaN, Infinity, 1 / 3, 42].map(formatNumber)).toEqual(["NaN", "Infinity", "0.333333", "42"]);
  });
});
