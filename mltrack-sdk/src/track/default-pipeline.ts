/** The pipeline runs use when none is given. TEMPORARY until the pipeline branch is merged. */
import { MltrackConfigError } from "../mlflow/errors";
import type { LogPipeline } from "../pipeline/types";

export function defaultPipeline(_trackingUri: string): LogPipeline {
  throw new MltrackConfigError("No logging pipeline yet: pass `pipeline` to track() or configureTracking().");
}
