/**
 * The last lines of a deployment's log file (a scoring server's output, the Modal CLI's), read from at
 * most its last 256 KiB so a long-running server's or an image build's log never loads whole.
 */
import { readFileSync } from "node:fs";
import { open } from "node:fs/promises";

/** How many log lines a deployment shows. */
export const LOG_LINES = 200;

const TAIL_BYTES = 256 * 1024;

type Keep = (line: string) => boolean;
const everyLine: Keep = () => true;

/** The last `count` lines `keep` accepts; [] when the file cannot be read. */
export async function readLogTail(file: string, count = LOG_LINES, keep: Keep = everyLine): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return lastLines(buffer.toString("utf8"), count, keep);
  } finally {
    await handle.close();
  }
}

/** `readLogTail` for synchronous callers (a child's exit, where the log is read once). */
export function readLogTailSync(file: string, count = LOG_LINES, keep: Keep = everyLine): string[] {
  try {
    const text = readFileSync(file, "utf8");
    return lastLines(text.length > TAIL_BYTES ? text.slice(-TAIL_BYTES) : text, count, keep);
  } catch {
    return [];
  }
}

function lastLines(text: string, count: number, keep: Keep): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.filter(keep).slice(-count);
}
