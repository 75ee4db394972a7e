import { describe, expect, it } from "vitest";
import { ancestorsOf, baseName, formatBytes, joinPath, normalizeArtifactPath, parentOf } from "./paths";

describe("artifact paths", () => {
  it("splits a path into folder and name", () => {
    expect(baseName("a/b/c.txt")).toBe("c.txt");
    expect(baseName("c.txt")).toBe("c.txt");
    expect(parentOf("a/b/c.txt")).toBe("a/b");
    expect(parentOf("c.txt")).toBe("");
    expect(joinPath("", "c.txt")).toBe("c.txt");
    expect(joinPath("a/b", "c.txt")).toBe("a/b/c.txt");
  });

  it("lists the folders that hold a path, outermost first", () => {
    expect(ancestorsOf("a/b/c.txt")).toEqual(["a", "a/b"]);
    expect(ancestorsOf("c.txt")).toEqual([]);
    expect(ancestorsOf("")).toEqual([]);
  });

  it("normalizes hand-typed paths without resolving '..'", () => {
    expect(normalizeArtifactPath("./a//b/")).toBe("a/b");
    expect(normalizeArtifactPath("")).toBe("");
    // `..` stays: the server refuses it rather than the client quietly resolving it.
    expect(normalizeArtifactPath("a/../b")).toBe("a/../b");
  });

  it("formats sizes in powers of 1024", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(913)).toBe("913 B");
    expect(formatBytes(1024)).toBe("1 KB");
    expect(formatBytes(11_634)).toBe("11.4 KB");
    expect(formatBytes(2 * 1024 * 1024)).toBe("2 MB");
    expect(formatBytes(300 * 1024 * 1024)).toBe("300 MB");
    expect(formatBytes(null)).toBe("unknown size");
  });
});
