/**
 * The Docker image's UI without Docker: scripts/assemble-standalone.sh (the same step ui/Dockerfile
 * runs) assembles the built UI into a folder outside the repository, which is then started with a bare
 * environment, so nothing can come from the repo's node_modules, sources or shell. It must serve pages,
 * its static assets and the gateway, and, in team mode, load its native SQLite store.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../../scripts/lib/paths";
import { freePort } from "../../scripts/lib/ports";
import { spawnManaged, waitForHttp, type ManagedProcess } from "../../scripts/lib/processes";

const work = mkdtempSync(path.join(tmpdir(), "mltrack-standalone-"));
const app = path.join(work, "app");
const started: ManagedProcess[] = [];

async function startAssembled(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const server = spawnManaged("standalone-ui", process.execPath, ["ui/dist/server.js"], {
    cwd: app,
    // What the image's environment holds, and nothing of this process's.
    env: { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: work, NODE_ENV: "production", PORT: String(port), ...env },
  });
  started.push(server);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/health`, server, 60_000);
  return url;
}

/** Every file under `dir`, relative to it, skipping node_modules. */
function filesOutsideNodeModules(dir: string, prefix = ""): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === "node_modules") return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesOutsideNodeModules(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

beforeAll(() => {
  execFileSync(path.join(repoRoot, "scripts/assemble-standalone.sh"), [app], { cwd: repoRoot, stdio: "pipe" });
});

afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  rmSync(work, { recursive: true, force: true });
});

describe("the assembled standalone UI (the Docker image's /app)", () => {
  it("holds the build and no sources", () => {
    const files = filesOutsideNodeModules(app);
    expect(files).toContain("ui/dist/server.js");
    expect(files).toContain("ui/.next/BUILD_ID");
    expect(files.some((file) => file.startsWith("ui/.next/static/"))).toBe(true);
    expect(files.filter((file) => /\.tsx?$/.test(file))).toEqual([]);
  });

  it("serves pages, static assets and the gateway against a real MLflow", async () => {
    const url = await startAssembled({ MLFLOW_TRACKING_URI: inject("mlflowUrl"), MLTRACK_LOG_LEVEL: "warn" });
    const name = `standalone-${Date.now()}`;
    const created = await fetch(`${url}/api/2.0/mlflow/experiments/create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name }),
    });
    expect(created.status).toBe(200);
    const { experiment_id: experimentId } = (await created.json()) as { experiment_id: string };

    const page = await fetch(`${url}/experiments`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(name);
    // The security headers come from MLTrack's own server, not Next's standalone one.
    expect(page.headers.get("content-security-policy")).toMatch(/nonce-/);

    const script = html.match(/\/_next\/static\/[^"]+\.js/)?.[0];
    expect(script).toBeDefined();
    const asset = await fetch(`${url}${script}`);
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(0);

    // next.config's settings reach the standalone server: gateway paths are not redirected.
    const got = await fetch(`${url}/api/2.0/mlflow/experiments/get?experiment_id=${experimentId}`, {
      redirect: "manual",
    });
    expect(got.status).toBe(200);

    await fetch(`${inject("mlflowUrl")}/api/2.0/mlflow/experiments/delete`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ experiment_id: experimentId }),
    });
  });

  it("starts in team mode with its native SQLite store and answers 401 without credentials", async () => {
    const url = await startAssembled({
      MLFLOW_TRACKING_URI: inject("mlflowUrl"),
      MLTRACK_LOG_LEVEL: "warn",
      MLTRACK_AUTH: "team",
      NEXTAUTH_SECRET: "v7Qm2LxP9sRk4TnW8ZcY3bHf6JdG1aEu5NpK0rXo",
      NEXTAUTH_URL: "http://127.0.0.1:3000",
      MLFLOW_TRACKING_USERNAME: "admin",
      MLFLOW_TRACKING_PASSWORD: "not-checked-until-sign-in",
      MLTRACK_AUTH_STORE_URL: `sqlite:${path.join(work, "auth.db")}`,
    });
    const anonymous = await fetch(`${url}/api/2.0/mlflow/experiments/search?max_results=1`);
    expect(anonymous.status).toBe(401);
    // An unknown token is looked up in the store: the native module loaded and the schema was created.
    const token = await fetch(`${url}/api/2.0/mlflow/experiments/search?max_results=1`, {
      headers: { authorization: `Bearer mlt_000000000000_${"a".repeat(43)}` },
    });
    expect(token.status).toBe(401);
    expect(statSync(path.join(work, "auth.db")).size).toBeGreaterThan(0);
  });
});
