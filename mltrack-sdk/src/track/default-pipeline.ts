/** The pipeline runs use when none is given: the process-wide one for their server. */
import type { MlflowClient } from "../mlflow/client";
import { sharedLogPipeline } from "../pipeline/shared";
import type { LogPipeline } from "../pipeline/types";

/**
 * A client the user built (credentials, custom fetch) is handed to the pipeline as it is; otherwise
 * the pipeline makes its own from the URI (and the env's credentials), without retries of its own.
 */
export function defaultPipeline(client: MlflowClient, trackingUri: string | undefined, own: boolean): LogPipeline {
  return own ? sharedLogPipeline({ client }) : sharedLogPipeline(trackingUri ? { trackingUri } : {});
}
