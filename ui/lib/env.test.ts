import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serverEnvSchema } from "./env";
import { SECRET_ENV_NAMES } from "./secret-env-names";

/** .env.example up to its "Team server" part, which documents docker-compose.yml's own variables. */
const example =
  readFileSync(path.join(import.meta.dirname, "../../.env.example"), "utf8").split(/^# Team server:/m)[0] ?? "";

/** `# NAME=value` or `NAME=value` lines of .env.example's UI part. */
function documented(): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of example.split("\n")) {
    const match = /^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) entries.set(match[1] as string, (match[2] as string).trim());
  }
  return entries;
}

describe(".env.example", () => {
  it("documents every server variable with the default the code uses", () => {
    const docs = documented();
    for (const [name, schema] of Object.entries(serverEnvSchema)) {
      expect(docs.has(name), `${name} is missing from .env.example`).toBe(true);
      const fallback = schema.safeParse(undefined);
      const expected = fallback.success && fallback.data !== undefined ? String(fallback.data) : "";
      expect(docs.get(name), name).toBe(expected);
    }
    expect([...docs.keys()].filter((name) => !(name in serverEnvSchema))).toEqual([]);
  });

  it("matches the README's configuration table, name for name and default for default", () => {
    const readme = /^## Configuration$[\s\S]*?(?=^## )/m.exec(
      readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8"),
    )?.[0];
    expect(readme, "README.md has a Configuration section").toBeDefined();
    const rows = new Map<string, string>();
    for (const match of (readme ?? "").matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|\s*`?([^`|]*?)`?\s*\|/gm)) {
      rows.set(match[1] as string, (match[2] as string).trim());
    }
    expect(rows).toEqual(documented());
  });

  it("puts nothing in NEXT_PUBLIC_ (the browser must never see server config)", () => {
    expect(example).not.toMatch(/NEXT_PUBLIC_/);
  });
});

describe("secret variables", () => {
  it("are listed for the leak test: every password, secret, token and store URL in the schema, and nothing else", () => {
    const secrets = Object.keys(serverEnvSchema).filter((name) => /PASSWORD|SECRET|TOKEN$|STORE_URL$/.test(name));
    expect([...SECRET_ENV_NAMES].sort()).toEqual(secrets.sort());
  });

  it("are never inlined into the build: next.config sets no env", async () => {
    const config = (await import("../next.config")).default as Record<string, unknown>;
    expect(config.env).toBeUndefined();
  });
});

describe("env validation", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  async function load(vars: Record<string, string>) {
    for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
    vi.resetModules();
    return (await import("./env")).env;
  }

  it("applies the defaults", async () => {
    const env = await load({});
    expect(env.MLFLOW_TRACKING_URI).toBe("http://127.0.0.1:5001");
    expect(env.MLTRACK_HOST).toBe("127.0.0.1");
    expect(env.PORT).toBe(3000);
  });

  it("names every bad value in one message", async () => {
    const error = await load({ MLFLOW_TRACKING_URI: "ftp://x", PORT: "0", MLTRACK_LOG_LEVEL: "loud" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain("MLFLOW_TRACKING_URI: must be the http(s) URL");
    expect(message).toContain("PORT:");
    expect(message).toContain("MLTRACK_LOG_LEVEL:");
  });

  it("keeps local mode on loopback and credentials in pairs", async () => {
    await expect(load({ MLTRACK_HOST: "0.0.0.0" })).rejects.toThrow(/MLTRACK_HOST: local mode has no sign-in/);
    await expect(load({ MLFLOW_TRACKING_USERNAME: "u" })).rejects.toThrow(/MLFLOW_TRACKING_PASSWORD: .*go together/);
  });

  const TEAM = {
    MLTRACK_AUTH: "team",
    NEXTAUTH_SECRET: "q8xP1vLr7TgY2mB9cN4kW6hJ3sD5fZa0uE",
    NEXTAUTH_URL: "https://mltrack.example.org",
    MLFLOW_TRACKING_USERNAME: "mltrack",
    MLFLOW_TRACKING_PASSWORD: "mltrack-admin-password",
  };

  it("starts team mode with a strong secret, on any host", async () => {
    const env = await load({ ...TEAM, MLTRACK_HOST: "0.0.0.0" });
    expect(env.MLTRACK_AUTH).toBe("team");
    expect(env.MLTRACK_DEFAULT_ROLE).toBe("viewer");
    expect(env.MLTRACK_AUTH_STORE_URL).toBe("sqlite:.mltrack/mltrack-auth.db");
  });

  it.each([
    ["missing", undefined, /NEXTAUTH_SECRET: team mode needs a strong secret \(NEXTAUTH_SECRET is not set\)/],
    ["short", "aB3dE5gH7jK9mN1pQ3sT5v", /at least 32 are needed/],
    ["repetitive", "abababababababababababababababababab", /too few distinct characters/],
    ["a placeholder", "please-change-me-0123456789ABCDEFGHIJ", /looks like a placeholder/],
  ])("refuses team mode with a %s secret, never falling back to one", async (_what, secret, message) => {
    const vars: Record<string, string> = { ...TEAM };
    if (secret === undefined) delete vars.NEXTAUTH_SECRET;
    else vars.NEXTAUTH_SECRET = secret;
    await expect(load(vars)).rejects.toThrow(message);
  });

  it("names everything else team mode needs", async () => {
    const error = (await load({ MLTRACK_AUTH: "team", NEXTAUTH_SECRET: TEAM.NEXTAUTH_SECRET }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toContain("NEXTAUTH_URL: team mode needs the URL");
    expect(error.message).toContain("MLFLOW_TRACKING_USERNAME: team mode needs an MLflow admin account");
  });

  it("refuses GitHub sign-in that anyone on GitHub could use", async () => {
    const github = { ...TEAM, MLTRACK_GITHUB_CLIENT_ID: "Iv1.abc", MLTRACK_GITHUB_CLIENT_SECRET: "s3cr" };
    await expect(load(github)).rejects.toThrow(/MLTRACK_GITHUB_ALLOWED_USERS: GitHub sign-in needs/);
    const env = await load({ ...github, MLTRACK_GITHUB_ALLOWED_USERS: " Octocat, hubot ,octocat" });
    expect(env.MLTRACK_GITHUB_ALLOWED_USERS).toEqual(["octocat", "hubot"]);
  });
});
