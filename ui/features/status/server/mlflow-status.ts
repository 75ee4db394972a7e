import "server-only";
import { connect } from "node:net";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import type { MlflowStatus } from "../schemas";

/**
 * The UI promises to notice an unreachable MLflow within 2 s: browsers poll every second, and a check
 * answers within this long.
 */
const STATUS_TIMEOUT_MS = 1_000;
/** Every open tab polls each second; one check serves all of them for this long. */
const COALESCE_MS = 500;

let recent: { at: number; server: string; status: Promise<MlflowStatus> } | undefined;
let lastVersion: string | null = null;

/** MLflow's reachability and version; concurrent and back-to-back callers share one check. */
export function getMlflowStatus(mlflow: MlflowClient): Promise<MlflowStatus> {
  const server = new URL(mlflow.config.baseUrl).origin;
  const now = Date.now();
  if (recent && recent.server === server && now - recent.at < COALESCE_MS) return recent.status;
  const status = checkMlflow(mlflow, server);
  recent = { at: now, server, status };
  return status;
}

/** Whether a TCP connection to the server can be made within `timeoutMs`. */
export function canConnect(url: string, timeoutMs: number): Promise<boolean> {
  const { hostname, port, protocol } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, "");
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) || (protocol === "https:" ? 443 : 80) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * MLflow's `/version`, and beside it a bare TCP connect. Unreachable means no connection could be
 * made (refused, or no answer to the handshake); a server that accepts the connection but does not
 * answer in time is up and busy (one worker on a long search makes even `/version` wait).
 */
async function checkMlflow(mlflow: MlflowClient, server: string): Promise<MlflowStatus> {
  const started = performance.now();
  const [version, connected] = await Promise.all([
    mlflow.version({ signal: AbortSignal.timeout(STATUS_TIMEOUT_MS) }).then(
      (value) => ({ ok: true as const, value, latencyMs: Math.round(performance.now() - started) }),
      (err: unknown) => ({ ok: false as const, err }),
    ),
    canConnect(mlflow.config.baseUrl, STATUS_TIMEOUT_MS - 100),
  ]);
  if (version.ok) {
    lastVersion = version.value;
    return { reachable: true, busy: false, version: version.value, server, latencyMs: version.latencyMs, error: null };
  }
  const timedOut = version.err instanceof DOMException && version.err.name === "TimeoutError";
  if (connected && timedOut) {
    const error = `Connected, but no answer within ${STATUS_TIMEOUT_MS} ms`;
    return { reachable: true, busy: true, version: lastVersion, server, latencyMs: null, error };
  }
  const error = !connected
    ? `Could not connect to ${server}`
    : version.err instanceof Error
      ? version.err.message
      : String(version.err);
  return { reachable: false, busy: false, version: null, server, latencyMs: null, error };
}
