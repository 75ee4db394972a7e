/**
 * Checking an MLflow username and password: MLflow's basic-auth app is the one place passwords live.
 * `users/current` answers 200 with the admin flag for good credentials and 401 otherwise.
 */
import "server-only";
import { MlflowAuthenticationError, MlflowClient } from "mltrack-sdk/mlflow";
import { env } from "@/lib/env";

export interface MlflowIdentity {
  username: string;
  isAdmin: boolean;
}

/** The identity, or null for wrong credentials; MLflow being unreachable throws (a 503, not a 401). */
export async function verifyMlflowPassword(username: string, password: string): Promise<MlflowIdentity | null> {
  const client = new MlflowClient({
    trackingUri: env.MLFLOW_TRACKING_URI,
    auth: { type: "basic", username, password },
    timeoutMs: env.MLTRACK_MLFLOW_TIMEOUT_MS,
    maxRetries: 0,
  });
  try {
    const current = await client.users.current({});
    return { username: current.user.username, isAdmin: current.user.isAdmin };
  } catch (err) {
    if (err instanceof MlflowAuthenticationError) return null;
    throw err;
  }
}
