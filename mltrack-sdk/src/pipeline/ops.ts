/**
 * What the pipeline queues, sends and spools: a run's `log-batch` (built column-wise on the call
 * path, sealed before it breaks one of MLflow's limits) or a run's end (`runs/update`), and the one
 * JSON line each becomes in the spool.
 */
import { LIMITS } from "../mlflow/validation";
import type { RunEndStatus } from "./types";

/**
 * Sealing happens on an upper bound of the request's size, so no batch can exceed MLflow's 1 MB:
 * a metric is at most 3 UTF-8 bytes per key character plus its numbers; a param or tag value at
 * most 6 bytes per UTF-16 unit (`\u0001`-style escapes), plus framing.
 */
export const BATCH_BYTES_LIMIT = LIMITS.batchBytes - 16_384;
const METRIC_OVERHEAD_BYTES = 96;
const STRING_ENTRY_OVERHEAD_BYTES = 48;
export const END_OP_BYTES = 96;

export const metricBytes = (key: string): number => METRIC_OVERHEAD_BYTES + 3 * key.length;
export const stringEntryBytes = (key: string, value: string): number =>
  STRING_ENTRY_OVERHEAD_BYTES + 3 * key.length + 6 * value.length;

export interface DataOp {
  readonly kind: "data";
  readonly runId: string;
  /** Order of sealing, process-wide; spool segments are named and replayed by it. */
  seq: number;
  readonly keys: string[];
  readonly values: number[];
  readonly timestamps: number[];
  readonly steps: number[];
  params: Map<string, string> | null;
  tags: Map<string, string> | null;
  /** Metric points + params + tags. */
  entries: number;
  /** Upper bound of the request body's size. */
  bytes: number;
  /** An earlier attempt may have reached MLflow (its answer was lost): reconcile before resending. */
  uncertain: boolean;
}

export interface EndOp {
  readonly kind: "end";
  readonly runId: string;
  seq: number;
  readonly status: RunEndStatus;
  readonly endTime: number;
  readonly entries: 0;
  readonly bytes: number;
  uncertain: boolean;
}

export type Op = DataOp | EndOp;

export function newDataOp(runId: string): DataOp {
  return {
    kind: "data",
    runId,
    seq: 0,
    keys: [],
    values: [],
    timestamps: [],
    steps: [],
    params: null,
    tags: null,
    entries: 0,
    bytes: 0,
    uncertain: false,
  };
}

export function newEndOp(runId: string, status: RunEndStatus, endTime: number): EndOp {
  return { kind: "end", runId, seq: 0, status, endTime, entries: 0, bytes: END_OP_BYTES, uncertain: false };
}

/** Whether one more metric point fits into `op` without breaking a `log-batch` limit. */
export function metricFits(op: DataOp, bytes: number): boolean {
  return (
    op.keys.length < LIMITS.metricsPerBatch &&
    op.entries < LIMITS.entitiesPerBatch &&
    op.bytes + bytes <= BATCH_BYTES_LIMIT
  );
}

/** Whether one more param (or tag) fits. */
export function stringEntryFits(op: DataOp, kind: "params" | "tags", bytes: number): boolean {
  const count = op[kind]?.size ?? 0;
  const limit = kind === "params" ? LIMITS.paramsPerBatch : LIMITS.tagsPerBatch;
  return count < limit && op.entries < LIMITS.entitiesPerBatch && op.bytes + bytes <= BATCH_BYTES_LIMIT;
}

export function isEmptyDataOp(op: DataOp): boolean {
  return op.entries === 0;
}

/** The typed client's `runs.logBatch` input for a data op. */
export function toLogBatchInput(op: DataOp): {
  runId: string;
  metrics: { key: string; value: number; timestamp: number; step: number }[];
  params: Record<string, string>;
  tags: Record<string, string>;
} {
  const metrics = new Array<{ key: string; value: number; timestamp: number; step: number }>(op.keys.length);
  for (let i = 0; i < op.keys.length; i++) {
    metrics[i] = {
      key: op.keys[i] as string,
      value: op.values[i] as number,
      timestamp: op.timestamps[i] as number,
      step: op.steps[i] as number,
    };
  }
  return {
    runId: op.runId,
    metrics,
    params: op.params ? Object.fromEntries(op.params) : {},
    tags: op.tags ? Object.fromEntries(op.tags) : {},
  };
}

// ---- Spool lines -------------------------------------------------------------------------------
//
// One line per op, written whole and fsynced: {"v":1,"uri":...,"run":...,"m":[[key,value,timestamp,step]...],
// "p":[[key,value]...],"t":[[key,value]...]} or {"v":1,"uri":...,"run":...,"end":[status,endTime]}, with
// "u":1 when an attempt may already have reached MLflow. A replayer appends {"ack":n} once the first n
// op lines are in MLflow, so whoever resumes the file skips them.

type WireValue = number | "NaN" | "Infinity" | "-Infinity";

interface SpoolLine {
  v: 1;
  uri: string;
  run: string;
  m?: [string, WireValue, number, number][];
  p?: [string, string][];
  t?: [string, string][];
  end?: [RunEndStatus, number];
  u?: 1;
}

export function encodeOp(op: Op, trackingUri: string): string {
  const line: SpoolLine = { v: 1, uri: trackingUri, run: op.runId };
  if (op.kind === "end") {
    line.end = [op.status, op.endTime];
  } else {
    if (op.keys.length) {
      const m = new Array<[string, WireValue, number, number]>(op.keys.length);
      for (let i = 0; i < op.keys.length; i++) {
        m[i] = [
          op.keys[i] as string,
          wireValue(op.values[i] as number),
          op.timestamps[i] as number,
          op.steps[i] as number,
        ];
      }
      line.m = m;
    }
    if (op.params?.size) line.p = [...op.params];
    if (op.tags?.size) line.t = [...op.tags];
  }
  if (op.uncertain) line.u = 1;
  return JSON.stringify(line);
}

export type DecodedLine = { kind: "op"; op: Op; trackingUri: string } | { kind: "ack"; count: number };

/** Parses one spool line; undefined for a line that is not one (a write cut short by a crash). */
export function decodeLine(text: string): DecodedLine | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== "object") return undefined;
  const obj = raw as Record<string, unknown>;
  if (typeof obj.ack === "number" && Number.isInteger(obj.ack) && obj.ack >= 0) return { kind: "ack", count: obj.ack };
  if (obj.v !== 1 || typeof obj.uri !== "string" || typeof obj.run !== "string") return undefined;
  const line = obj as unknown as SpoolLine;
  const uncertain = line.u === 1;
  if (Array.isArray(line.end)) {
    const [status, endTime] = line.end;
    if (!isEndStatus(status) || typeof endTime !== "number") return undefined;
    const op = newEndOp(line.run, status, endTime);
    op.uncertain = uncertain;
    return { kind: "op", op, trackingUri: line.uri };
  }
  const op = newDataOp(line.run);
  op.uncertain = uncertain;
  for (const entry of Array.isArray(line.m) ? line.m : []) {
    if (!Array.isArray(entry) || typeof entry[0] !== "string") return undefined;
    const value = numberValue(entry[1]);
    if (value === undefined || typeof entry[2] !== "number" || typeof entry[3] !== "number") return undefined;
    op.keys.push(entry[0]);
    op.values.push(value);
    op.timestamps.push(entry[2]);
    op.steps.push(entry[3]);
    op.bytes += metricBytes(entry[0]);
  }
  for (const kind of ["p", "t"] as const) {
    const entries = line[kind];
    if (!Array.isArray(entries) || entries.length === 0) continue;
    const map = new Map<string, string>();
    for (const entry of entries) {
      if (!Array.isArray(entry) || typeof entry[0] !== "string" || typeof entry[1] !== "string") return undefined;
      map.set(entry[0], entry[1]);
      op.bytes += stringEntryBytes(entry[0], entry[1]);
    }
    if (kind === "p") op.params = map;
    else op.tags = map;
  }
  op.entries = op.keys.length + (op.params?.size ?? 0) + (op.tags?.size ?? 0);
  return { kind: "op", op, trackingUri: line.uri };
}

export const encodeAck = (count: number): string => `{"ack":${count}}`;

function wireValue(value: number): WireValue {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  return value;
}

function numberValue(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (value === "NaN") return NaN;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  return undefined;
}

function isEndStatus(value: unknown): value is RunEndStatus {
  return value === "FINISHED" || value === "FAILED" || value === "KILLED";
}
