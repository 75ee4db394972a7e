/**
 * `npx mltrack` in a fresh clone: npm links a workspace's bin at install time, before the SDK is
 * built, and skips one whose file does not exist yet; so the bin must be a committed file, not dist/.
 */
import { accessSync, constants, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const sdk = path.join(import.meta.dirname, "../../mltrack-sdk");

describe("the mltrack bin", () => {
  it("is a committed, executable file that runs the built CLI", () => {
    const pkg = JSON.parse(readFileSync(path.join(sdk, "package.json"), "utf8")) as {
      bin: Record<string, string>;
      files: string[];
    };
    const bin = pkg.bin.mltrack ?? "";
    expect(bin).not.toMatch(/dist\//);
    expect(pkg.files).toContain(bin.replace(/^\.\//, "").split("/")[0]);
    const file = path.join(sdk, bin);
    accessSync(file, constants.X_OK);
    const text = readFileSync(file, "utf8");
    expect(text.startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(text).toContain('import "../dist/cli/index.js"');
  });
});
