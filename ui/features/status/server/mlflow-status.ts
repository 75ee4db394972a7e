import "server-only";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import type { MlflowStatus } from "../schemas";

/** Below the UI's 2 s promise for noticing an unreachable MLflow, with room for the round trip. */
const STATUS_TIMEOUT_MS = 1_500;

export async function getMlflowStatus(mlflow: MlflowClient): Promise<MlflowStatus> {
  const server = new URL(mlflow.config.baseUrl).origin;
  const started = performance.now();
  try {
    const version = await mlflow.version({ signal: AbortSignal.timeout(STATUS_TIMEOUT_MS) });
    return { reachable: true, version, server, latencyMs: Math.round(performance.now() - started), error: null };
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === "TimeoutError";
    const error = timedOut
      ? `No answer within ${STATUS_TIMEOUT_MS} ms`
      : err instanceof Error
        ? err.message
        : String(err);
    return { reachable: false, version: null, server, latencyMs: null, error };
  }
}
