/** A test double of the logging pipeline for unit tests: it records each call, in order, and delivers nothing. */
import { MLTRACK_METRICS } from "../../mlflow/tags";
import { pendingRunId } from "../../pipeline/pending-id";
import type { LogPipeline, PendingArtifact, PendingRun, RunEndStatus } from "../../pipeline/types";

export type PipelineCall =
  | { method: "logMetrics"; runId: string; metrics: Record<string, number>; step?: number; timestamp?: number }
  | { method: "logParams"; runId: string; params: Record<string, string> }
  | { method: "setTags"; runId: string; tags: Record<string, string> }
  | { method: "endRun"; runId: string; status: RunEndStatus; endTime?: number }
  | { method: "createRun"; runId: string; run: PendingRun; after?: Promise<unknown> }
  | { method: "logArtifact"; runId: string; path: string; contentType: string; bytes: Uint8Array | undefined };

export class RecordingPipeline implements LogPipeline {
  readonly calls: PipelineCall[] = [];
  flushes = 0;
  shutdowns = 0;

  logMetrics(
    runId: string,
    metrics: Readonly<Record<string, number>>,
    options: { step?: number; timestamp?: number } = {},
  ) {
    this.calls.push({ method: "logMetrics", runId, metrics: { ...metrics }, ...options });
  }
  logParams(runId: string, params: Readonly<Record<string, string>>) {
    this.calls.push({ method: "logParams", runId, params: { ...params } });
  }
  setTags(runId: string, tags: Readonly<Record<string, string>>) {
    this.calls.push({ method: "setTags", runId, tags: { ...tags } });
  }
  endRun(runId: string, status: RunEndStatus, endTime?: number) {
    this.calls.push({ method: "endRun", runId, status, ...(endTime === undefined ? {} : { endTime }) });
  }
  /** Takes pending runs as the real pipeline does: the placeholder id is returned, the run recorded. */
  createRun(run: PendingRun, options?: { after?: Promise<unknown> }): string {
    const runId = pendingRunId(run.clientRunId);
    this.calls.push({ method: "createRun", runId, run, ...(options?.after ? { after: options.after } : {}) });
    return runId;
  }
  logArtifact(runId: string, artifact: PendingArtifact) {
    const bytes = "bytes" in artifact.source ? new Uint8Array(artifact.source.bytes) : undefined;
    this.calls.push({ method: "logArtifact", runId, path: artifact.path, contentType: artifact.contentType, bytes });
  }
  async flush() {
    this.flushes++;
  }
  async shutdown() {
    this.shutdowns++;
  }

  /** Every metric point of a run: `{ key, value, step, timestamp }`, in the order logged; the run's duration metric apart (see `duration`). */
  points(runId: string) {
    return this.allPoints(runId).filter((point) => point.key !== MLTRACK_METRICS.durationSeconds);
  }
  /** The duration metric every run logs as it ends, in seconds, or undefined. */
  duration(runId: string): number | undefined {
    return this.allPoints(runId).find((point) => point.key === MLTRACK_METRICS.durationSeconds)?.value;
  }
  private allPoints(runId: string) {
    return this.calls.flatMap((call) =>
      call.method === "logMetrics" && call.runId === runId
        ? Object.entries(call.metrics).map(([key, value]) => ({
            key,
            value,
            step: call.step,
            timestamp: call.timestamp,
          }))
        : [],
    );
  }
  params(runId: string): Record<string, string> {
    return Object.assign({}, ...this.calls.map((c) => (c.method === "logParams" && c.runId === runId ? c.params : {})));
  }
  tags(runId: string): Record<string, string> {
    return Object.assign({}, ...this.calls.map((c) => (c.method === "setTags" && c.runId === runId ? c.tags : {})));
  }
  end(runId: string) {
    return this.calls.find((c) => c.method === "endRun" && c.runId === runId) as
      Extract<PipelineCall, { method: "endRun" }> | undefined;
  }
}
