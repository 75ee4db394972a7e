import { describe, expect, it } from "vitest";
import { checkArtifactPath } from "./artifact-path";

describe("checkArtifactPath", () => {
  it.each([
    ["model/MLmodel"],
    ["plots/loss curve.png"],
    ["a/./b"],
    ["dir/file%20name.txt"],
    ["..hidden/file"],
    ["file..txt"],
    [""],
  ])("accepts %j", (path) => {
    expect(checkArtifactPath(path)).toEqual({ ok: true });
  });

  it.each([
    ["../etc/passwd", "'..' segment"],
    ["a/../../b", "'..' segment"],
    ["..", "'..' segment"],
    ["/etc/passwd", "absolute"],
    ["%2e%2e/etc", "'..' segment"],
    ["%2E%2E%2Fetc", "'..' segment"],
    ["..%2fetc", "'..' segment"],
    ["%252e%252e%252fetc", "'..' segment"],
    ["%25252e%25252e/etc", "'..' segment"],
    ["a\\..\\b", "backslash"],
    ["a%5cb", "backslash"],
    ["a%255cb", "backslash"],
    ["%2fetc/passwd", "absolute"],
    ["C:/Windows", "drive letter"],
    ["c%3a/x", "drive letter"],
    ["a\0b", "NUL"],
    ["a%00b", "NUL"],
    ["bad%zzescape", "percent-encoding"],
  ])("refuses %j (%s)", (path, reason) => {
    const check = checkArtifactPath(path);
    expect(check.ok).toBe(false);
    expect(check.ok ? "" : check.reason).toContain(reason);
  });
});
