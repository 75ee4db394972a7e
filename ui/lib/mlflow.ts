/**
 * The MLflow client a session talks through. In team mode each user's calls carry their own MLflow
 * credentials, so MLflow's permissions decide what they read and change; MLTrack's own account
 * (MLFLOW_TRACKING_USERNAME/PASSWORD, an MLflow admin) is for what no user does themself: provisioning
 * GitHub users and the deploy engine's records. Requests go over a keep-alive pool whose connect
 * timeout is short, so an unreachable MLflow is reported within ~2 s instead of Node's default 10 s.
 */
import "server-only";
import { createHash } from "node:crypto";
import { Agent } from "undici";
import { MlflowClient, authFromEnv, type MlflowAuth } from "mltrack-sdk/mlflow";
import type { Session } from "./auth";
import { dispatcherFetch } from "./dispatcher-fetch";
import { env } from "./env";

// undici's default 4 s idle keep-alive stays under uvicorn's 5 s, so a pooled socket is never
// reused just as MLflow closes it (that race surfaced as resets under load).
const dispatcher = new Agent({ connect: { timeout: env.MLTRACK_MLFLOW_CONNECT_TIMEOUT_MS } });

const mlflowFetch = dispatcherFetch(dispatcher);

function client(auth: MlflowAuth | null): MlflowClient {
  return new MlflowClient({
    trackingUri: env.MLFLOW_TRACKING_URI,
    auth,
    timeoutMs: env.MLTRACK_MLFLOW_TIMEOUT_MS,
    // One retry: a page should show that MLflow is down within seconds, not after a long backoff.
    maxRetries: 1,
    fetch: mlflowFetch,
  });
}

let serverClient: MlflowClient | undefined;

/** MLTrack's own MLflow client: the env's credentials (local mode: the only one). */
export function serviceMlflow(): MlflowClient {
  serverClient ??= client(
    authFromEnv({
      MLFLOW_TRACKING_USERNAME: env.MLFLOW_TRACKING_USERNAME,
      MLFLOW_TRACKING_PASSWORD: env.MLFLOW_TRACKING_PASSWORD,
      MLFLOW_TRACKING_TOKEN: env.MLFLOW_TRACKING_TOKEN,
    }),
  );
  return serverClient;
}

// One client per set of credentials, so concurrent requests of one user share batched reads
// (metrics/server/run-batcher.ts batches per client, never across users).
const userClients = new Map<string, MlflowClient>();
const MAX_USER_CLIENTS = 1_000;

export function mlflowFor(session: Session): MlflowClient {
  if (session.mode === "local") return serviceMlflow();
  const { username, password } = session.credentials;
  const key = createHash("sha256").update(`${username}\u0000${password}`).digest("hex");
  let userClient = userClients.get(key);
  if (!userClient) {
    if (userClients.size >= MAX_USER_CLIENTS) userClients.delete(userClients.keys().next().value!);
    userClient = client({ type: "basic", username, password });
    userClients.set(key, userClient);
  }
  return userClient;
}
