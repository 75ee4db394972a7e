import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../lib/paths";
import { sqliteFile } from "./config";

describe("sqliteFile", () => {
  it("reads store URLs as the UI does, relative paths from the repository root", () => {
    expect(sqliteFile("sqlite:.mltrack/mltrack-auth.db")).toBe(path.join(repoRoot, ".mltrack/mltrack-auth.db"));
    expect(sqliteFile("sqlite:/srv/auth.db")).toBe("/srv/auth.db");
    expect(sqliteFile("sqlite:///relative/auth.db")).toBe(path.join(repoRoot, "relative/auth.db"));
    expect(sqliteFile("sqlite:////srv/auth.db")).toBe("/srv/auth.db");
  });

  it("names no file for PostgreSQL or a sqlite URL without a path", () => {
    expect(sqliteFile("postgresql://u:p@db/mlflow")).toBeUndefined();
    expect(sqliteFile("sqlite:")).toBeUndefined();
    expect(sqliteFile("sqlite://host/auth.db")).toBeUndefined();
  });
});
