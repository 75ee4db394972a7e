/**
 * What the pipeline queues, sends and spools: a run's `log-batch` (built column-wise on the call
 * path, sealed before it breaks one of MLflow's limits), a run's end (`runs/update`), and for a run
 * started while MLflow was unreachable its creation and its artifacts; and the one JSON line each
 * becomes in the spool.
 */
import { checkArtifactPath } from "../mlflow/artifact-path";
import { ExperimentId, ExperimentName, LIMITS, RunId } from "../mlflow/validation";
import { clientRunIdOf, isPendingRunId, isValidPendingRunId } from "./pending-id";
import type { ExperimentRef, PendingRun, RunEndStatus } from "./types";

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

/** Creating a pending run (`runId` is its placeholder): looked up by its client run id, created if absent. */
export interface CreateOp {
  readonly kind: "create";
  readonly runId: string;
  seq: number;
  readonly run: PendingRun;
  readonly entries: 0;
  readonly bytes: number;
  uncertain: boolean;
}

/** An artifact of a pending run, its bytes already in the spool's `artifacts/` folder under `blob`. */
export interface ArtifactOp {
  readonly kind: "artifact";
  readonly runId: string;
  seq: number;
  readonly path: string;
  readonly contentType: string;
  /** The file's name in the spool's artifacts folder (a UUID). */
  readonly blob: string;
  readonly entries: 0;
  readonly bytes: number;
  uncertain: boolean;
}

export type Op = DataOp | EndOp | CreateOp | ArtifactOp;

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

export function newCreateOp(runId: string, run: PendingRun): CreateOp {
  let bytes = END_OP_BYTES + 3 * (run.runName?.length ?? 0);
  for (const key in run.tags) bytes += stringEntryBytes(key, run.tags[key] as string);
  return { kind: "create", runId, seq: 0, run, entries: 0, bytes, uncertain: false };
}

export function newArtifactOp(runId: string, path: string, contentType: string, blob: string): ArtifactOp {
  const bytes = END_OP_BYTES + 3 * (path.length + contentType.length);
  return { kind: "artifact", runId, seq: 0, path, contentType, blob, entries: 0, bytes, uncertain: false };
}

/** The same op, for the run MLflow knows (a pending run's op once the run is resolved). */
export function withRunId<T extends Op>(op: T, runId: string): T {
  return { ...op, runId };
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
//
// Version 2 adds runs started while MLflow was unreachable: their lines name the placeholder
// "mltrack-pending:<client run id>" as "run", and two more kinds exist:
//   {"v":2,...,"create":{"exp":["name",name]|["id",id],"name":runName?,"start":ms,"tags":[[k,v]...],"parent":id?}}
//   {"v":2,...,"art":[path in the run,content type,blob name]}
// Every other line is still written as version 1, and version 1 files read as before. A reader of
// version 1 only skips version 2 lines as unreadable (it could not send them anyway).

type WireValue = number | "NaN" | "Infinity" | "-Infinity";

interface WireCreate {
  exp: ["name" | "id", string];
  name?: string;
  start: number;
  tags: [string, string][];
  parent?: string;
}

interface SpoolLine {
  v: 1 | 2;
  uri: string;
  run: string;
  m?: [string, WireValue, number, number][];
  p?: [string, string][];
  t?: [string, string][];
  end?: [RunEndStatus, number];
  create?: WireCreate;
  art?: [string, string, string];
  u?: 1;
}

export function encodeOp(op: Op, trackingUri: string): string {
  const v2 = op.kind === "create" || op.kind === "artifact" || isPendingRunId(op.runId);
  const line: SpoolLine = { v: v2 ? 2 : 1, uri: trackingUri, run: op.runId };
  if (op.kind === "end") {
    line.end = [op.status, op.endTime];
  } else if (op.kind === "create") {
    const { run } = op;
    line.create = {
      exp: "id" in run.experiment ? ["id", run.experiment.id] : ["name", run.experiment.name],
      ...(run.runName ? { name: run.runName } : {}),
      start: run.startTime,
      tags: Object.entries(run.tags),
      ...(run.parentRunId !== undefined ? { parent: run.parentRunId } : {}),
    };
  } else if (op.kind === "artifact") {
    line.art = [op.path, op.contentType, op.blob];
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

/** Blob names in the spool's artifacts folder: UUIDs, so a line can never name a path outside it. */
export const BLOB_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
  if ((obj.v !== 1 && obj.v !== 2) || typeof obj.uri !== "string" || typeof obj.run !== "string") return undefined;
  const line = obj as unknown as SpoolLine;
  const pending = isPendingRunId(line.run);
  // A placeholder only in version 2 lines, and well formed; anything else must be a run id MLflow could have made.
  if (pending ? !isValidPendingRunId(line.run) : !RunId.safeParse(line.run).success) return undefined;
  if ((line.v === 2) !== (pending || line.create !== undefined || line.art !== undefined)) return undefined;
  const uncertain = line.u === 1;
  const decoded = decodeOp(line, pending);
  if (!decoded) return undefined;
  decoded.uncertain = uncertain;
  return { kind: "op", op: decoded, trackingUri: line.uri };
}

function decodeOp(line: SpoolLine, pending: boolean): Op | undefined {
  if (line.end !== undefined) {
    if (!Array.isArray(line.end)) return undefined;
    const [status, endTime] = line.end;
    if (!isEndStatus(status) || typeof endTime !== "number") return undefined;
    return newEndOp(line.run, status, endTime);
  }
  if (line.create !== undefined) return pending ? decodeCreate(line.run, line.create) : undefined;
  if (line.art !== undefined) {
    const [artifactPath, contentType, blob] = Array.isArray(line.art) ? line.art : [];
    if (typeof artifactPath !== "string" || typeof contentType !== "string" || typeof blob !== "string")
      return undefined;
    if (!checkArtifactPath(artifactPath).ok || artifactPath === "" || !BLOB_NAME.test(blob)) return undefined;
    return newArtifactOp(line.run, artifactPath, contentType, blob);
  }
  const op = newDataOp(line.run);
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
    const map = stringPairs(line[kind]);
    if (map === undefined) return undefined;
    if (map.size === 0) continue;
    for (const [key, value] of map) op.bytes += stringEntryBytes(key, value);
    if (kind === "p") op.params = map;
    else op.tags = map;
  }
  op.entries = op.keys.length + (op.params?.size ?? 0) + (op.tags?.size ?? 0);
  return op;
}

function decodeCreate(runId: string, wire: unknown): CreateOp | undefined {
  if (!wire || typeof wire !== "object") return undefined;
  const c = wire as Partial<WireCreate>;
  const [by, value] = Array.isArray(c.exp) ? c.exp : [];
  let experiment: ExperimentRef;
  if (by === "id" && ExperimentId.safeParse(value).success) experiment = { id: value as string };
  else if (by === "name" && ExperimentName.safeParse(value).success) experiment = { name: value as string };
  else return undefined;
  if (!Number.isSafeInteger(c.start) || (c.start as number) < 0) return undefined;
  if (c.name !== undefined && typeof c.name !== "string") return undefined;
  const parent = c.parent;
  if (
    parent !== undefined &&
    !(typeof parent === "string" && (isValidPendingRunId(parent) || RunId.safeParse(parent).success))
  ) {
    return undefined;
  }
  const tags = stringPairs(c.tags);
  if (tags === undefined) return undefined;
  return newCreateOp(runId, {
    clientRunId: clientRunIdOf(runId),
    experiment,
    ...(c.name ? { runName: c.name } : {}),
    startTime: c.start as number,
    tags: Object.fromEntries(tags),
    ...(parent !== undefined ? { parentRunId: parent } : {}),
  });
}

/** `[[key, value], ...]` as a map; an empty map when absent, undefined when malformed. */
function stringPairs(entries: unknown): Map<string, string> | undefined {
  const map = new Map<string, string>();
  if (entries === undefined) return map;
  if (!Array.isArray(entries)) return undefined;
  for (const entry of entries) {
    if (!Array.isArray(entry) || typeof entry[0] !== "string" || typeof entry[1] !== "string") return undefined;
    map.set(entry[0], entry[1]);
  }
  return map;
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
