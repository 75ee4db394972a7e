/**
 * The on-disk spool: append-only files of one JSON line per op, fsynced per line, under
 * `~/.mltrack/spool/` (or `MLTRACK_SPOOL_DIR`, or the `spoolDir` option).
 *
 * A file's name says who may touch it, and renames (atomic on one file system) move it between owners:
 *   <base>.writing-<pid>     pid is appending to it;
 *   <base>.replaying-<pid>   pid is sending it to MLflow (and appending {"ack":n} lines as it goes);
 *   <base>.jsonl             nobody holds it: whoever renames it to .replaying-<their pid> first owns it.
 * A file held by a pid that is no longer alive is stale and taken over the same way (rename), so two
 * replayers never send the same file: the loser of a rename race gets ENOENT and moves on.
 * `<base>` is `<server key>-<start ms>-<pid>-<first op seq>`, so sorting names orders one process's
 * files as their ops were logged. The server key is a hash of the tracking URI: a replayer only takes
 * files meant for the server it talks to. Liveness is checked with kill(pid, 0): one host per spool dir.
 *
 * Artifacts of runs started while MLflow was unreachable are copied (fsynced) into `artifacts/<uuid>`
 * under the spool dir; the op line names only the UUID, and the copy is removed once MLflow has it.
 * Creating such a run takes a lock in `run-locks/` (see `lockRunCreation`).
 */
import { createHash, randomUUID } from "node:crypto";
import {
  closeSync,
  constants,
  copyFileSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  fstatSync,
  writeSync,
} from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { BLOB_NAME, decodeLine, encodeAck, encodeOp, type CreateOp, type Op } from "./ops";

export function resolveSpoolDir(option?: string, env: Record<string, string | undefined> = process.env): string {
  return path.resolve(option ?? env.MLTRACK_SPOOL_DIR ?? path.join(homedir(), ".mltrack", "spool"));
}

/** The spool's key for a tracking URI (credentials never part of it). */
export function serverKey(trackingUri: string): string {
  return createHash("sha256").update(trackingUri).digest("hex").slice(0, 12);
}

const HELD = Symbol.for("mltrack.heldSpoolFiles");

const NAME = /^([0-9a-f]{12})-(\d{13})-(\d{10})-(\d{12})\.(jsonl|writing-(\d+)|replaying-(\d+))$/;

export interface SpoolFile {
  path: string;
  /** The name without its state suffix. */
  base: string;
  serverKey: string;
  /** The pid holding it (writing or replaying), or null for a free `.jsonl`. */
  holder: number | null;
  state: "free" | "writing" | "replaying";
}

export function segmentBase(key: string, startMs: number, pid: number, seq: number): string {
  return `${key}-${String(startMs).padStart(13, "0")}-${String(pid).padStart(10, "0")}-${String(seq).padStart(12, "0")}`;
}

export function listSpoolFiles(dir: string): SpoolFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if (isCode(err, "ENOENT")) return [];
    throw err;
  }
  const files: SpoolFile[] = [];
  for (const name of names) {
    const match = NAME.exec(name);
    if (!match) continue;
    const holder = match[6] ?? match[7];
    files.push({
      path: path.join(dir, name),
      base: name.slice(0, name.lastIndexOf(".")),
      serverKey: match[1] as string,
      holder: holder === undefined ? null : Number(holder),
      state: match[5] === "jsonl" ? "free" : match[6] !== undefined ? "writing" : "replaying",
    });
  }
  return files.sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isCode(err, "EPERM");
  }
}

/** Bases of the spool files this process holds, whichever pipeline (or copy of the SDK) holds them. */
export const heldFiles: Set<string> = ((globalThis as { [HELD]?: Set<string> })[HELD] ??= new Set());

/**
 * Whether this process may take `file`: it is free, or its holder is dead, or it names this process
 * as holder without being held here (a previous process that had the same pid, as in containers).
 */
export function isClaimable(file: SpoolFile, self: number = process.pid): boolean {
  if (file.holder === null) return true;
  if (file.holder === self) return !heldFiles.has(file.base);
  return !isAlive(file.holder);
}

/** Takes `file` for replay by renaming it; undefined when another replayer was first. */
export function claimFile(file: SpoolFile, pid: number = process.pid): string | undefined {
  const target = path.join(path.dirname(file.path), `${file.base}.replaying-${pid}`);
  try {
    renameSync(file.path, target);
    heldFiles.add(file.base);
    return target;
  } catch (err) {
    if (isCode(err, "ENOENT")) return undefined;
    throw err;
  }
}

export function baseOf(filePath: string): string {
  const name = path.basename(filePath);
  return name.slice(0, name.lastIndexOf("."));
}

/** Hands a held file back (`.jsonl`) for any replayer. */
export function releaseFile(filePath: string): string {
  const base = baseOf(filePath);
  const target = path.join(path.dirname(filePath), `${base}.jsonl`);
  renameSync(filePath, target);
  heldFiles.delete(base);
  return target;
}

/** Removes a file that has been replayed completely. */
export function removeFile(filePath: string): void {
  rmSync(filePath, { force: true });
  heldFiles.delete(baseOf(filePath));
}

function writeAll(fd: number, text: string): void {
  const buffer = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset);
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the file's own fsync still holds its data.
  }
}

/** Creates an empty segment held as `.writing-<pid>` (its directory entry fsynced) and opens it for appending. */
export function createSegment(dir: string, base: string, pid: number): { fd: number; path: string } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  heldFiles.add(base);
  const filePath = path.join(dir, `${base}.writing-${pid}`);
  const fd = openSync(filePath, "a", 0o600);
  fsyncDir(dir);
  return { fd, path: filePath };
}

/** Appends one op line and fsyncs it: once this returns, the op survives a crash. */
export function appendOp(fd: number, op: Op, trackingUri: string): void {
  writeAll(fd, `${encodeOp(op, trackingUri)}\n`);
  fsyncSync(fd);
}

/** Closes a `.writing-<pid>` segment and renames it `.replaying-<pid>` for its owner to send. */
export function sealSegment(fd: number, filePath: string, pid: number): string {
  closeSync(fd);
  const target = filePath.replace(/\.writing-\d+$/, `.replaying-${pid}`);
  renameSync(filePath, target);
  return target;
}

const ARTIFACTS_DIR = "artifacts";

/** Where a spooled artifact's bytes are: only a UUID names one, so no line can point elsewhere. */
export function blobPath(spoolDir: string, blob: string): string {
  if (!BLOB_NAME.test(blob)) throw new TypeError(`Not a spooled artifact name: ${JSON.stringify(blob)}`);
  return path.join(spoolDir, ARTIFACTS_DIR, blob);
}

/** Copies an artifact's bytes (or file) into the spool, fsynced; returns its name there. */
export function writeBlob(spoolDir: string, source: { bytes: Uint8Array } | { file: string }): string {
  const dir = path.join(spoolDir, ARTIFACTS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const blob = randomUUID();
  const target = blobPath(spoolDir, blob);
  if ("file" in source) {
    copyFileSync(source.file, target, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL);
    const fd = openSync(target, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } else {
    const fd = openSync(target, "wx", 0o600);
    try {
      const bytes = Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength);
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  fsyncDir(dir);
  return blob;
}

export function removeBlob(spoolDir: string, blob: string): void {
  rmSync(blobPath(spoolDir, blob), { force: true });
}

const LOCKS_DIR = "run-locks";
const HELD_LOCKS = Symbol.for("mltrack.heldRunLocks");
const heldLocks: Set<string> = ((globalThis as { [HELD_LOCKS]?: Set<string> })[HELD_LOCKS] ??= new Set());
let lockCounter = 0;

/**
 * Locks the creation of one pending run among every replayer on this host (processes, and pipelines
 * of one process): two replayers of different files of the same run would otherwise both look it up,
 * find nothing, and both create it. Each taker creates `run-locks/<client run id>.<pid>.<n>`, then
 * lists the others: it holds the lock only if no other live holder's file is there (of two takers at
 * once, the later lister sees the earlier one's file, so at most one holds it; both may back off and
 * retry). Files of dead processes are removed. Returns the release function, or undefined when held.
 */
export function lockRunCreation(
  spoolDir: string,
  clientRunId: string,
  pid: number = process.pid,
): (() => void) | undefined {
  if (!BLOB_NAME.test(clientRunId)) throw new TypeError(`Not a client run id: ${JSON.stringify(clientRunId)}`);
  const dir = path.join(spoolDir, LOCKS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mine = `${clientRunId}.${pid}.${++lockCounter}`;
  closeSync(openSync(path.join(dir, mine), "wx", 0o600));
  heldLocks.add(mine);
  const release = () => {
    heldLocks.delete(mine);
    rmSync(path.join(dir, mine), { force: true });
  };
  for (const name of readdirSync(dir)) {
    if (name === mine || !name.startsWith(`${clientRunId}.`)) continue;
    const holder = Number(name.split(".")[1]);
    const live = holder === pid ? heldLocks.has(name) : Number.isInteger(holder) && holder > 0 && isAlive(holder);
    if (live) {
      release();
      return undefined;
    }
    rmSync(path.join(dir, name), { force: true });
  }
  return release;
}

export interface SpoolEntry {
  op: Op;
  trackingUri: string;
  /** 0-based index among the file's op lines. */
  index: number;
}

const CHUNK = 1 << 16;

/**
 * Reads a held spool file's op lines in order, skipping those already acknowledged, in bounded
 * memory. `ack()` appends `{"ack":n}` (fsynced) once the head op is in MLflow.
 */
export class SpoolReader {
  readonly path: string;
  private readonly fd: number;
  private position = 0;
  private carry: Buffer = Buffer.alloc(0);
  private nextIndex = 0;
  private acked = 0;
  private head: SpoolEntry | undefined;
  private eof = false;
  /** Lines that were not ops (a write cut short by a crash). */
  corruptLines = 0;
  /**
   * Run creations among the acknowledged lines skipped so far: the runs exist in MLflow, and later
   * lines of the file may need them to find which (see `takeSkippedCreates`).
   */
  private skippedCreates: CreateOp[] = [];
  /** Op lines in the file when it was opened. */
  readonly total: number;
  /**
   * The head op may already be in MLflow: the file was being replayed by someone who stopped, so its
   * first unacknowledged op may have been sent with its answer lost.
   */
  headUncertain: boolean;

  constructor(filePath: string, options: { resumed: boolean }) {
    this.path = filePath;
    this.fd = openSync(filePath, "a+");
    const size = fstatSync(this.fd).size;
    // A crash mid-line left a partial line: end it, so an ack appended now stands on a line of its own.
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(this.fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) writeAll(this.fd, "\n");
    }
    let ops = 0;
    for (const line of this.scan()) {
      if (line.startsWith('{"ack":')) {
        const decoded = decodeLine(line);
        if (decoded?.kind === "ack") this.acked = Math.max(this.acked, decoded.count);
      } else ops++;
    }
    this.total = ops;
    this.headUncertain = options.resumed || this.acked > 0;
  }

  /** Op lines not yet acknowledged. */
  get remaining(): number {
    return Math.max(0, this.total - Math.max(this.acked, this.head ? this.head.index : this.nextIndex));
  }

  get ackedCount(): number {
    return this.acked;
  }

  /** The first op not yet acknowledged, or undefined when the file is done. */
  peek(): SpoolEntry | undefined {
    if (this.head) return this.head;
    for (;;) {
      const line = this.readLine();
      if (line === undefined) return undefined;
      if (line.startsWith('{"ack":')) continue;
      const index = this.nextIndex++;
      if (index < this.acked) {
        if (line.includes('"create":')) {
          const skipped = decodeLine(line);
          if (skipped?.kind === "op" && skipped.op.kind === "create") this.skippedCreates.push(skipped.op);
        }
        continue;
      }
      const decoded = decodeLine(line);
      if (decoded?.kind !== "op") {
        this.corruptLines++;
        continue;
      }
      if (this.headUncertain) decoded.op.uncertain = true;
      this.head = { op: decoded.op, trackingUri: decoded.trackingUri, index };
      return this.head;
    }
  }

  /** The run creations skipped since the last call (acknowledged in an earlier replay). */
  takeSkippedCreates(): CreateOp[] {
    const taken = this.skippedCreates;
    if (taken.length) this.skippedCreates = [];
    return taken;
  }

  /** Records that the head op is in MLflow (or was refused for good) and moves past it. */
  ack(): void {
    if (!this.head) return;
    this.acked = this.head.index + 1;
    writeAll(this.fd, `${encodeAck(this.acked)}\n`);
    fsyncSync(this.fd);
    this.head = undefined;
    this.headUncertain = false;
  }

  /** The head op may have reached MLflow; keep it flagged until it is acknowledged. */
  markHeadUncertain(): void {
    if (this.head) this.head.op.uncertain = true;
    this.headUncertain = true;
  }

  close(): void {
    closeSync(this.fd);
  }

  private *scan(): Generator<string> {
    let position = 0;
    let carry = Buffer.alloc(0);
    const chunk = Buffer.alloc(CHUNK);
    for (;;) {
      const n = readSync(this.fd, chunk, 0, CHUNK, position);
      if (n === 0) break;
      position += n;
      let data = Buffer.concat([carry, chunk.subarray(0, n)]);
      let nl: number;
      while ((nl = data.indexOf(0x0a)) >= 0) {
        // Only ack lines matter to the scan: look at a line's start, decode nothing else.
        if (data[0] === 0x7b && data[1] === 0x22 && data[2] === 0x61) yield data.subarray(0, nl).toString("utf8");
        else yield "";
        data = data.subarray(nl + 1);
      }
      carry = Buffer.from(data);
    }
    if (carry.length) yield "";
  }

  private readLine(): string | undefined {
    for (;;) {
      const nl = this.carry.indexOf(0x0a);
      if (nl >= 0) {
        const line = this.carry.subarray(0, nl).toString("utf8");
        this.carry = this.carry.subarray(nl + 1);
        return line;
      }
      if (this.eof) {
        if (this.carry.length === 0) return undefined;
        const line = this.carry.toString("utf8");
        this.carry = Buffer.alloc(0);
        return line;
      }
      const chunk = Buffer.alloc(CHUNK);
      const n = readSync(this.fd, chunk, 0, CHUNK, this.position);
      if (n === 0) {
        this.eof = true;
        continue;
      }
      this.position += n;
      this.carry = this.carry.length ? Buffer.concat([this.carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
    }
  }
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === code;
}

export interface SpoolFileSummary extends SpoolFile {
  /** The server its ops are for (from its first op line). */
  trackingUri: string | undefined;
  /** Ops (batches and run ends) not yet acknowledged, and the entries they carry. */
  batches: number;
  entries: number;
}

/** What a spool file still holds, read without taking it (for reports; never for sending). */
export function inspectSpoolFile(file: SpoolFile): SpoolFileSummary {
  let fd: number;
  try {
    fd = openSync(file.path, "r");
  } catch (err) {
    if (isCode(err, "ENOENT")) return { ...file, trackingUri: undefined, batches: 0, entries: 0 };
    throw err;
  }
  const ops: { entries: number }[] = [];
  let acked = 0;
  let trackingUri: string | undefined;
  try {
    let position = 0;
    let carry = Buffer.alloc(0);
    const chunk = Buffer.alloc(CHUNK);
    const take = (line: string) => {
      const decoded = decodeLine(line);
      if (decoded?.kind === "ack") acked = Math.max(acked, decoded.count);
      else if (decoded?.kind === "op") {
        trackingUri ??= decoded.trackingUri;
        ops.push({ entries: decoded.op.entries });
      } else if (line.trim()) ops.push({ entries: 0 });
    };
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK, position);
      if (n === 0) break;
      position += n;
      let data = Buffer.concat([carry, chunk.subarray(0, n)]);
      let nl: number;
      while ((nl = data.indexOf(0x0a)) >= 0) {
        take(data.subarray(0, nl).toString("utf8"));
        data = data.subarray(nl + 1);
      }
      carry = Buffer.from(data);
    }
    if (carry.length) take(carry.toString("utf8"));
  } finally {
    closeSync(fd);
  }
  const pending = ops.slice(acked);
  return {
    ...file,
    trackingUri,
    batches: pending.length,
    entries: pending.reduce((sum, op) => sum + op.entries, 0),
  };
}
