/**
 * One attempt at getting an op into MLflow, and what a failure means for it: refused for good (a 4xx
 * naming bad input), or worth retrying, and then whether the failed attempt may have reached MLflow.
 */
import { createReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import type { MlflowClient } from "../mlflow/client";
import {
  MlflowConnectionError,
  MlflowError,
  MlflowResponseError,
  MlflowTimeoutError,
  MltrackConfigError,
} from "../mlflow/errors";
import { LIMITS } from "../mlflow/validation";
import type { Metric } from "../mlflow/types";
import { toLogBatchInput, type ArtifactOp, type DataOp, type EndOp } from "./ops";

export type Delivery =
  /**
   * In MLflow, but for `refused`: when MLflow refused a batch mixing metrics, params and tags, each
   * kind is sent on its own, so that only the kind at fault (say, a param logged earlier with another
   * value) is dropped.
   */
  | { kind: "ok"; refused?: { entries: number; error: unknown } }
  /** MLflow (or the client's own validation) refused the op as invalid: resending cannot help. */
  | { kind: "refused"; error: unknown }
  | {
      kind: "failed";
      error: unknown;
      /** The request may have been applied although its answer was lost. */
      uncertain: boolean;
      /** 401/403: credentials to fix, not a server to wait for. */
      auth: boolean;
    };

export async function deliver(client: MlflowClient, op: DataOp | EndOp): Promise<Delivery> {
  const whole = await attempt(client, op);
  if (whole.kind !== "refused" || op.kind !== "data") return whole;
  const parts = splitByKind(op);
  if (parts.length < 2) return whole;
  let refused: { entries: number; error: unknown } | undefined;
  for (const part of parts) {
    const result = await attempt(client, part);
    if (result.kind === "failed") {
      // Parts before this one may be in MLflow now: the op's resend must reconcile.
      return { ...result, uncertain: true };
    }
    if (result.kind === "refused") {
      refused = { entries: (refused?.entries ?? 0) + part.entries, error: refused?.error ?? result.error };
    }
  }
  return refused ? { kind: "ok", refused } : { kind: "ok" };
}

async function attempt(client: MlflowClient, op: DataOp | EndOp): Promise<Delivery> {
  try {
    if (op.kind === "end") {
      await client.runs.update({ runId: op.runId, status: op.status, endTime: op.endTime });
      return { kind: "ok" };
    }
    const toSend = op.uncertain ? await withoutDelivered(client, op) : op;
    if (toSend.entries > 0) await client.runs.logBatch(toLogBatchInput(toSend));
    return { kind: "ok" };
  } catch (error) {
    return classifyFailure(error);
  }
}

/**
 * Uploads a spooled artifact (its bytes in `file`) under the run's artifact root. A PUT of the same
 * bytes to the same path is idempotent, so a resend after a lost answer is harmless.
 */
export async function deliverArtifact(
  client: MlflowClient,
  op: ArtifactOp,
  artifactUri: string,
  file: string,
): Promise<Delivery> {
  try {
    statSync(file);
  } catch (error) {
    const gone = new MltrackConfigError(`The spooled bytes of artifact ${JSON.stringify(op.path)} are gone (${file})`, {
      cause: error,
    });
    return { kind: "refused", error: gone };
  }
  try {
    await client.uploadArtifact({
      artifactUri,
      path: op.path,
      body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
      contentType: op.contentType,
    });
    return { kind: "ok" };
  } catch (error) {
    return classifyFailure(error);
  }
}

/** A batch's metrics, params and tags as separate batches (those it has). */
export function splitByKind(op: DataOp): DataOp[] {
  const parts: DataOp[] = [];
  const empty = { keys: [], values: [], timestamps: [], steps: [], params: null, tags: null };
  if (op.keys.length) parts.push({ ...op, params: null, tags: null, entries: op.keys.length });
  if (op.params?.size) parts.push({ ...op, ...empty, params: op.params, entries: op.params.size, uncertain: false });
  if (op.tags?.size) parts.push({ ...op, ...empty, tags: op.tags, entries: op.tags.size, uncertain: false });
  return parts;
}

/** Codes of a connection that was never made: the request cannot have been applied. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ERR_INVALID_URL"]);

export function classifyFailure(error: unknown): Delivery {
  if (error instanceof MlflowConnectionError) {
    const code = networkCode(error);
    return { kind: "failed", error, uncertain: code === undefined || !NOT_SENT.has(code), auth: false };
  }
  if (error instanceof MlflowTimeoutError || error instanceof MlflowResponseError) {
    return { kind: "failed", error, uncertain: true, auth: false };
  }
  if (error instanceof MlflowError) {
    const status = error.httpStatus;
    if (status === 401 || status === 403) return { kind: "failed", error, uncertain: false, auth: true };
    // Throttled or conflicting: MLflow did not apply it, and will later.
    if (status === 408 || status === 409 || status === 429)
      return { kind: "failed", error, uncertain: false, auth: false };
    if (status >= 400 && status < 500) return { kind: "refused", error };
    // A 5xx may come after part of the batch was committed (MLflow writes params, metrics and tags in turn).
    return { kind: "failed", error, uncertain: true, auth: false };
  }
  return { kind: "failed", error, uncertain: true, auth: false };
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Exactly-once for metric points whatever the server does with a duplicate. A point is identified by
 * (run, key, step, timestamp, value), and its timestamp was fixed when it was logged, so resending
 * it is resending the same point. MLflow 3.18's SQL store ignores an identical point (its primary
 * key is those five columns; `_log_metrics` swallows the IntegrityError and inserts only the new
 * ones; tests/integration/sdk-pipeline.test.ts checks this on the real server). A store that
 * rejected or stored duplicates would break that, so the pipeline does not rely on it: only an op
 * whose earlier attempt may have reached MLflow (answer lost, 5xx, or a spool file someone stopped
 * replaying) is resent, and before that this reads back which of its points MLflow already holds
 * (their step range per key) and sends only the others. An op that certainly never reached MLflow
 * (connection refused, 4xx/429, never attempted) is sent as it is. Params (immutable, same value is a
 * no-op), tags (last write wins) and run ends are idempotent and always resent.
 */
export async function withoutDelivered(client: MlflowClient, op: DataOp): Promise<DataOp> {
  if (op.keys.length === 0) return op;
  const ranges = new Map<string, { min: number; max: number }>();
  for (let i = 0; i < op.keys.length; i++) {
    const key = op.keys[i] as string;
    const step = op.steps[i] as number;
    const range = ranges.get(key);
    if (!range) ranges.set(key, { min: step, max: step });
    else {
      if (step < range.min) range.min = step;
      if (step > range.max) range.max = step;
    }
  }
  const present = new Set<string>();
  for (const [key, range] of ranges) {
    for (const m of await pointsInRange(client, op.runId, key, range.min, range.max)) present.add(pointId(m));
  }
  const out: DataOp = { ...op, keys: [], values: [], timestamps: [], steps: [], entries: 0, uncertain: false };
  for (let i = 0; i < op.keys.length; i++) {
    const m = {
      key: op.keys[i] as string,
      value: op.values[i] as number,
      timestamp: op.timestamps[i] as number,
      step: op.steps[i] as number,
    };
    if (present.has(pointId(m))) continue;
    out.keys.push(m.key);
    out.values.push(m.value);
    out.timestamps.push(m.timestamp);
    out.steps.push(m.step);
  }
  out.entries = out.keys.length + (op.params?.size ?? 0) + (op.tags?.size ?? 0);
  return out;
}

/**
 * A key's points with step in [min, max]: one sampled-interval read, which returns every row when
 * there are fewer than its maximum (2,500); the full history, filtered, when there may be more.
 */
async function pointsInRange(
  client: MlflowClient,
  runId: string,
  key: string,
  min: number,
  max: number,
): Promise<Metric[]> {
  const sampled = await client.metrics.getHistoryBulkInterval({
    runIds: [runId],
    metricKey: key,
    startStep: min,
    endStep: max,
    maxResults: LIMITS.bulkIntervalMaxResults,
  });
  if (sampled.length < LIMITS.bulkIntervalMaxResults) return sampled;
  const all: Metric[] = [];
  for await (const m of client.metrics.getHistoryAll({
    runId,
    metricKey: key,
    maxResults: LIMITS.metricHistoryMaxResults,
  })) {
    if (m.step >= min && m.step <= max) all.push(m);
  }
  return all;
}

const pointId = (m: { key: string; value: number; timestamp: number; step: number }): string =>
  `${m.key}\u0000${m.step}\u0000${m.timestamp}\u0000${storedValue(m.value)}`;

/** The value as MLflow stores it: NaN as a flag, ±Infinity clamped to ±Number.MAX_VALUE. */
function storedValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value >= Number.MAX_VALUE) return "Inf";
  if (value <= -Number.MAX_VALUE) return "-Inf";
  return String(value);
}
