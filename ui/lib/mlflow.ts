/**
 * The MLflow client a session talks through. Requests go over a keep-alive pool whose connect
 * timeout is short, so an unreachable MLflow is reported within ~2 s instead of Node's default 10 s.
 */
import "server-only";
import { Agent } from "undici";
import { MlflowClient, authFromEnv } from "mltrack-sdk/mlflow";
import type { Session } from "./auth";
import { dispatcherFetch } from "./dispatcher-fetch";
import { env } from "./env";

// undici's default 4 s idle keep-alive stays under uvicorn's 5 s, so a pooled socket is never
// reused just as MLflow closes it (that race surfaced as resets under load).
const dispatcher = new Agent({ connect: { timeout: env.MLTRACK_MLFLOW_CONNECT_TIMEOUT_MS } });

const mlflowFetch = dispatcherFetch(dispatcher);

let localClient: MlflowClient | undefined;

export function mlflowFor(_session: Session): MlflowClient {
  localClient ??= new MlflowClient({
    trackingUri: env.MLFLOW_TRACKING_URI,
    auth: authFromEnv({
      MLFLOW_TRACKING_USERNAME: env.MLFLOW_TRACKING_USERNAME,
      MLFLOW_TRACKING_PASSWORD: env.MLFLOW_TRACKING_PASSWORD,
      MLFLOW_TRACKING_TOKEN: env.MLFLOW_TRACKING_TOKEN,
    }),
    timeoutMs: env.MLTRACK_MLFLOW_TIMEOUT_MS,
    // One retry: a page should show that MLflow is down within seconds, not after a long backoff.
    maxRetries: 1,
    fetch: mlflowFetch,
  });
  return localClient;
}
