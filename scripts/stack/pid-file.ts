/**
 * The stack's pid files (runDir/<component>.pid): which process the stack started, on which port,
 * when. A pid file is trusted only while its process lives and still runs the stack's command
 * (/proc/<pid>/cmdline), so a pid the kernel handed to someone else is never signalled.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface PidRecord {
  pid: number;
  port: number;
  /** ISO 8601. */
  startedAt: string;
}

export function formatPidFile(record: PidRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** The record, or undefined for anything else (empty, truncated, hand-edited, another format). */
export function parsePidFile(text: string): PidRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { pid, port, startedAt } = value as Record<string, unknown>;
  if (!Number.isInteger(pid) || (pid as number) <= 1) return undefined;
  if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65_535) return undefined;
  if (typeof startedAt !== "string" || Number.isNaN(Date.parse(startedAt))) return undefined;
  return { pid: pid as number, port: port as number, startedAt };
}

export function readPidFile(file: string): PidRecord | undefined {
  try {
    return parsePidFile(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

export function writePidFile(file: string, record: PidRecord): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, formatPidFile(record));
}

export function removePidFile(file: string): void {
  rmSync(file, { force: true });
}
