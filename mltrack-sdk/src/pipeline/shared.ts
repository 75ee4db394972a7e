/** One pipeline per tracking URI for the whole process, however many copies of the SDK are loaded. */
import { resolveConfig } from "../mlflow/config";
import { createLogPipeline } from "./pipeline";
import type { LogPipelineOptions, ManagedLogPipeline } from "./options";

const REGISTRY = Symbol.for("mltrack.sharedLogPipelines");

function registry(): Map<string, ManagedLogPipeline> {
  const holder = globalThis as { [REGISTRY]?: Map<string, ManagedLogPipeline> };
  return (holder[REGISTRY] ??= new Map());
}

/**
 * The process-wide pipeline for a tracking URI (`options.trackingUri`, else `MLFLOW_TRACKING_URI`),
 * created on first use with `flushOnExit: true`; later calls get the same one and their other options
 * are ignored. After its `shutdown()`, the next call creates a new one.
 */
export function sharedLogPipeline(options: LogPipelineOptions = {}): ManagedLogPipeline {
  const uri = options.client?.config.baseUrl ?? resolveConfig(options).baseUrl;
  const pipelines = registry();
  const existing = pipelines.get(uri);
  if (existing) return existing;
  const pipeline = createLogPipeline({ flushOnExit: true, ...options });
  const shutdown = pipeline.shutdown.bind(pipeline);
  pipeline.shutdown = () => {
    if (pipelines.get(uri) === pipeline) pipelines.delete(uri);
    return shutdown();
  };
  pipelines.set(uri, pipeline);
  return pipeline;
}
