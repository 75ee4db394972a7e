/** Reading the stack's log files: their last lines, and following them as they grow (like `tail -F`). */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";

const TAIL_BYTES = 256 * 1024;

function readRange(file: string, start: number, end: number): Buffer {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(Math.max(0, end - start));
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** The last `count` lines of `file` written after byte `from`; none when it does not exist. */
export function readLogTail(file: string, count: number, from = 0): string[] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return [];
  }
  const start = Math.max(from, size - TAIL_BYTES);
  // Mid-file, read from one byte earlier and drop the first piece: "" when that byte ends a line, else
  // the end of a line cut in two.
  const early = start > from ? 1 : 0;
  const lines = readRange(file, start - early, size)
    .toString("utf8")
    .split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (early) lines.shift();
  return lines.slice(-count);
}

export interface FollowedLog {
  prefix: string;
  file: string;
}

/**
 * Prints the last `initial` lines of each log, then every line appended, each with its log's prefix.
 * A log that does not exist yet is picked up once it appears; one truncated or replaced is read from
 * its start again. Runs until the returned function is called.
 */
export function followLogs(logs: FollowedLog[], initial: number, write: (text: string) => void): () => void {
  const width = Math.max(...logs.map((log) => log.prefix.length));
  const states = logs.map((log) => {
    const label = `${log.prefix.padEnd(width)} | `;
    const stat = statOf(log.file);
    for (const line of readLogTail(log.file, initial)) write(`${label}${line}\n`);
    return {
      file: log.file,
      label,
      position: stat?.size ?? 0,
      ino: stat?.ino,
      partial: "",
      decoder: new StringDecoder("utf8"),
    };
  });
  const poll = () => {
    for (const state of states) {
      const stat = statOf(state.file);
      if (!stat) continue;
      if (stat.ino !== state.ino || stat.size < state.position) {
        state.ino = stat.ino;
        state.position = 0;
        state.partial = "";
        state.decoder = new StringDecoder("utf8");
      }
      if (stat.size === state.position) continue;
      const text = state.partial + state.decoder.write(readRange(state.file, state.position, stat.size));
      state.position = stat.size;
      const lines = text.split("\n");
      state.partial = lines.pop() ?? "";
      if (lines.length) write(lines.map((line) => `${state.label}${line}\n`).join(""));
    }
  };
  const timer = setInterval(poll, 300);
  return () => clearInterval(timer);
}

function statOf(file: string): { size: number; ino: number } | undefined {
  try {
    const { size, ino } = statSync(file);
    return { size, ino };
  } catch {
    return undefined;
  }
}
