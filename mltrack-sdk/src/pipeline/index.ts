/** The durable logging pipeline behind `track()`: enqueue, batch, retry, spool, replay. */
export { createLogPipeline } from "./pipeline";
export { sharedLogPipeline } from "./shared";
export { inspectSpoolFile, isAlive, listSpoolFiles, resolveSpoolDir, serverKey } from "./spool";
export type { SpoolFile, SpoolFileSummary } from "./spool";
export type { LogPipelineOptions, LogPipelineStats, ManagedLogPipeline, SpoolReplayReport } from "./options";
export type { PipelineLogger } from "./warnings";
export type { ExperimentRef, LogPipeline, PendingArtifact, PendingRun, RunEndStatus } from "./types";
