import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeAuthConfig } from "./mlflow-server";

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "mltrack-auth-ini-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("writeAuthConfig", () => {
  it("writes basic_auth.ini into the data dir, readable only by its owner, with % escaped for configparser", () => {
    const dir = scratch();
    const file = writeAuthConfig(dir, {
      adminUsername: "root",
      adminPassword: "100%-secret-pw",
      defaultPermission: "NO_PERMISSIONS",
    });
    expect(file).toBe(path.join(dir, "basic_auth.ini"));
    expect(readFileSync(file, "utf8")).toBe(
      [
        "[mlflow]",
        "default_permission = NO_PERMISSIONS",
        `database_uri = sqlite:///${path.join(dir, "basic_auth.db")}`,
        "admin_username = root",
        "admin_password = 100%%-secret-pw",
        "authorization_function = mlflow.server.auth:authenticate_request_basic_auth",
        "",
      ].join("\n"),
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses values configparser would cut or trim", () => {
    for (const adminPassword of ["two\nlines-password", " padded-password ", ""]) {
      expect(() =>
        writeAuthConfig(scratch(), { adminUsername: "root", adminPassword, defaultPermission: "READ" }),
      ).toThrow(/admin_password must be non-empty, on one line/);
    }
  });
});
