/**
 * Team mode on real parts: MLflow with its basic-auth app (`default_permission = NO_PERMISSIONS`, so a
 * user sees only what they are granted), and the production UI with MLTRACK_AUTH=team, a fresh random
 * NEXTAUTH_SECRET and a SQLite auth store in the stack's own folder. MLTrack's own MLflow account is
 * MLflow's bootstrap admin.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MlflowClient } from "mltrack-sdk/mlflow";
import type { MlflowServer } from "../../scripts/lib/mlflow-server";
import { freePort } from "../../scripts/lib/ports";
import { startUiServer, type UiServer } from "../../scripts/lib/ui-server";
import { startTestMlflow } from "./stack";

export interface Credentials {
  username: string;
  password: string;
}

export interface TeamStack {
  mlflowUrl: string;
  uiUrl: string;
  /** MLflow's admin, which MLTrack also uses as its own account. */
  admin: Credentials;
  /** `sqlite:<path>` of the UI's auth store. */
  storeUrl: string;
  secret: string;
  uiLog(): string;
  /** A client straight to MLflow (not through MLTrack). */
  mlflowAs(user: Credentials): MlflowClient;
  stop(): Promise<void>;
}

export async function startTeamStack(label: string, env: Record<string, string> = {}): Promise<TeamStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `mltrack-${label}-`));
  const admin = { username: "admin", password: `admin-${randomUUID()}` };
  const secret = randomBytes(32).toString("base64");
  const storeUrl = env.MLTRACK_AUTH_STORE_URL ?? `sqlite:${path.join(dataDir, "auth.db")}`;
  let mlflow: MlflowServer | undefined;
  let ui: UiServer | undefined;
  try {
    mlflow = await startTestMlflow(dataDir, {
      auth: { adminUsername: admin.username, adminPassword: admin.password, defaultPermission: "NO_PERMISSIONS" },
    });
    const port = await freePort();
    ui = await startUiServer({
      mlflowUrl: mlflow.url,
      port,
      env: {
        MLTRACK_LOG_LEVEL: "info",
        MLTRACK_AUTH: "team",
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        MLFLOW_TRACKING_USERNAME: admin.username,
        MLFLOW_TRACKING_PASSWORD: admin.password,
        MLTRACK_DEPLOY_DIR: path.join(dataDir, "deployments"),
        ...env,
        MLTRACK_AUTH_STORE_URL: storeUrl,
      },
    });
  } catch (err) {
    await Promise.allSettled([ui?.stop(), mlflow?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const [m, u] = [mlflow, ui];
  return {
    mlflowUrl: m.url,
    uiUrl: u.url,
    admin,
    storeUrl,
    secret,
    uiLog: () => u.process.logTail(),
    mlflowAs: (user) => new MlflowClient({ trackingUri: m.url, auth: { type: "basic", ...user }, maxRetries: 0 }),
    async stop() {
      await Promise.allSettled([u.stop(), m.stop()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in through next-auth's credentials flow as a browser does (CSRF token, then the callback);
 * returns the Cookie header of the session, or throws with next-auth's answer.
 */
export async function signIn(uiUrl: string, user: Credentials): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";", 1);
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${uiUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await fetch(`${uiUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username: user.username, password: user.password, json: "true" }),
    redirect: "manual",
  });
  keep(answer);
  const session = [...jar.keys()].find((name) => name.endsWith("next-auth.session-token"));
  if (!session) {
    // next-auth answers `{ url }` with the reason in the URL's `error` parameter.
    const text = await answer.text();
    let reason: string | null = null;
    try {
      const { url } = JSON.parse(text) as { url?: string };
      reason = url ? new URL(url).searchParams.get("error") : null;
    } catch {
      // Not next-auth's JSON: the text itself says what happened.
    }
    throw new Error(`sign-in of ${user.username} failed (${answer.status}): ${reason ?? text}`);
  }
  return `${session}=${jar.get(session)}`;
}
