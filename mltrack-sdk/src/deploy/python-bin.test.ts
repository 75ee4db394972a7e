import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolvePythonTool } from "./python-bin";

const root = mkdtempSync(path.join(tmpdir(), "mltrack-python-bin-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("resolvePythonTool", () => {
  it("uses MLTRACK_VENV when set", () => {
    expect(resolvePythonTool("mlflow", { env: { MLTRACK_VENV: "/opt/venv" }, cwd: root })).toBe("/opt/venv/bin/mlflow");
  });

  it("finds the nearest .venv walking up from the working directory", () => {
    mkdirSync(path.join(root, "project", ".venv", "bin"), { recursive: true });
    const modal = path.join(root, "project", ".venv", "bin", "modal");
    writeFileSync(modal, "#!/bin/sh\n");
    chmodSync(modal, 0o755);
    mkdirSync(path.join(root, "project", "a", "b"), { recursive: true });
    expect(resolvePythonTool("modal", { env: {}, cwd: path.join(root, "project", "a", "b") })).toBe(modal);
  });

  it("falls back to the bare name on PATH", () => {
    expect(resolvePythonTool("python", { env: {}, cwd: root })).toBe("python");
  });
});
