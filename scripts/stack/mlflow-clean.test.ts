import { describe, expect, it } from "vitest";
import { formatBytes } from "./mlflow-clean";

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1024, "1.0 KB"],
    [1536, "1.5 KB"],
    [20 * 1024, "20 KB"],
    [5 * 1024 ** 2 + 1, "5.0 MB"],
    [3 * 1024 ** 4, "3.0 TB"],
  ])("%d bytes is %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
