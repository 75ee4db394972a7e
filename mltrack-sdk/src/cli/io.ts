/** What a command talks to: output streams, the environment, and (for tests) the network. */
import { MlflowClient } from "../mlflow/client";
import { redactUrl } from "../mlflow/config";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Injectable for tests; default the global fetch. */
  fetch?: typeof fetch;
}

/** MLflow's own default, as the `mlflow` CLI uses it. */
export const DEFAULT_TRACKING_URI = "http://127.0.0.1:5000";

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Bad command-line input: reported with the usage and exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export function trackingUri(io: CliIo): string {
  return io.env.MLFLOW_TRACKING_URI || DEFAULT_TRACKING_URI;
}

export function clientFor(io: CliIo): MlflowClient {
  return new MlflowClient({
    trackingUri: trackingUri(io),
    env: io.env,
    ...(io.fetch ? { fetch: io.fetch } : {}),
  });
}

export function describeServer(io: CliIo): string {
  const uri = redactUrl(trackingUri(io));
  return io.env.MLFLOW_TRACKING_URI ? uri : `${uri} (MLFLOW_TRACKING_URI is not set: MLflow's default)`;
}
