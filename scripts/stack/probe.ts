/** What answers on a port: MLflow, the MLTrack UI, or something else (a free port: portIsFree in scripts/lib/ports.ts). */

const PROBE_TIMEOUT_MS = 3_000;

async function get(url: string): Promise<{ status: number; text: string } | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), redirect: "manual" });
    return { status: res.status, text: await res.text() };
  } catch {
    return undefined;
  }
}

/** MLflow's tracking server: `/health` answers and `/version` is a version number. */
export async function answersAsMlflow(url: string): Promise<boolean> {
  const [health, version] = await Promise.all([get(`${url}/health`), get(`${url}/version`)]);
  return health?.status === 200 && version?.status === 200 && /^\d+\.\d+/.test(version.text.trim());
}

/** The MLTrack UI: `/api/health` answers `{"status":"ok"}`. */
export async function answersAsMltrack(url: string): Promise<boolean> {
  const health = await get(`${url}/api/health`);
  if (health?.status !== 200) return false;
  try {
    return (JSON.parse(health.text) as { status?: unknown }).status === "ok";
  } catch {
    return false;
  }
}

/** The MLflow server the UI at `url` talks to (its /api/status), and whether it reaches it. */
export async function uiMlflowStatus(url: string): Promise<{ server: string; reachable: boolean } | undefined> {
  const res = await get(`${url}/api/status`);
  if (res?.status !== 200) return undefined;
  try {
    const body = JSON.parse(res.text) as { server?: unknown; reachable?: unknown };
    return typeof body.server === "string" ? { server: body.server, reachable: body.reachable === true } : undefined;
  } catch {
    return undefined;
  }
}
