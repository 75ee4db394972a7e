import "server-only";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import type { MlflowStatus } from "../schemas";

/** Below the UI's 2 s promise for noticing an unreachable MLflow, with room for the round trip. */
const STATUS_TIMEOUT_MS = 1_500;
/** Every open tab polls each second; one check serves all of them for this long. */
const COALESCE_MS = 500;

let recent: { at: number; server: string; status: Promise<MlflowStatus> } | undefined;

/** MLflow's reachability and version; concurrent and back-to-back callers share one check. */
export function getMlflowStatus(mlflow: MlflowClient): Promise<MlflowStatus> {
  const server = new URL(mlflow.config.baseUrl).origin;
  const now = Date.now();
  if (recent && recent.server === server && now - recent.at < COALESCE_MS) return recent.status;
  const status = checkMlflow(mlflow, server);
  recent = { at: now, server, status };
  return status;
}

let lastVersion: string | null = null;

/**
 * A connection that cannot be made fails within the connect timeout (1 s by default), before the
 * check's own timeout; so a check that times out had connected, and MLflow is up but busy (a single
 * worker answering a long search makes even `/version` wait). Only the first case is "unreachable".
 */
async function checkMlflow(mlflow: MlflowClient, server: string): Promise<MlflowStatus> {
  const started = performance.now();
  try {
    const version = await mlflow.version({ signal: AbortSignal.timeout(STATUS_TIMEOUT_MS) });
    lastVersion = version;
    const latencyMs = Math.round(performance.now() - started);
    return { reachable: true, busy: false, version, server, latencyMs, error: null };
  } catch (err) {
    if (err instanceof DOMException && err.name === "TimeoutError") {
      const error = `Connected, but no answer within ${STATUS_TIMEOUT_MS} ms`;
      return { reachable: true, busy: true, version: lastVersion, server, latencyMs: null, error };
    }
    const error = err instanceof Error ? err.message : String(err);
    return { reachable: false, busy: false, version: null, server, latencyMs: null, error };
  }
}
