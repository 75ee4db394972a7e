/** What /proc says about processes: their command lines and process groups (Linux; elsewhere, less). */
import { existsSync, readFileSync, readdirSync } from "node:fs";

/** Whether a command line is the stack's: it holds every argument of `signature`. */
export function matchesSignature(cmdline: readonly string[] | undefined, signature: readonly string[]): boolean {
  return cmdline !== undefined && cmdline.length > 0 && signature.every((arg) => cmdline.includes(arg));
}

const HAS_PROC = existsSync("/proc/self/cmdline");

/** The arguments of a live process; undefined once it is gone (a zombie has none). */
export function readCmdline(pid: number): string[] | undefined {
  if (!HAS_PROC) return isAlive(pid) ? [] : undefined;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    if (args.at(-1) === "") args.pop();
    return args.length ? args : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `pid` is alive and runs `signature` (without /proc, as on macOS: alive is all we can tell). */
export function isStackProcess(pid: number, signature: readonly string[]): boolean {
  const cmdline = readCmdline(pid);
  return HAS_PROC ? matchesSignature(cmdline, signature) : cmdline !== undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Live (not zombie) processes of the group `pgid`: a server's workers outlive their leader for a moment. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  if (!HAS_PROC) return true;
  for (const entry of safeReaddir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat && stat.pgid === pgid && stat.state !== "Z") return true;
  }
  return false;
}

/** State and process group from /proc/<pid>/stat (the command, in parentheses, may hold spaces). */
export function parseProcStat(text: string): { state: string; pgid: number } | undefined {
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const [state, , pgid] = fields;
  return state && pgid ? { state, pgid: Number(pgid) } : undefined;
}

function procStat(pid: number): { state: string; pgid: number } | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return undefined;
  }
}

/** Live processes whose command line holds every argument of `signature`. */
export function findProcesses(signature: readonly string[]): number[] {
  if (!HAS_PROC) return [];
  return safeReaddir("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => pid !== process.pid && matchesSignature(readCmdline(pid), signature));
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
