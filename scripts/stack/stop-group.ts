/** Stopping a server's whole process group: SIGTERM, then SIGKILL after a grace period. */
import { groupAlive } from "./proc";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once no process of the group is left: "terminated" by SIGTERM, or "killed". */
export async function stopGroup(pgid: number, graceMs = 10_000): Promise<"terminated" | "killed"> {
  signal(pgid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) {
      signal(pgid, "SIGKILL");
      // A process in uninterruptible sleep dies once its I/O returns; do not wait on it forever.
      for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
      return "killed";
    }
    await sleep(100);
  }
  return "terminated";
}

function signal(pgid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pgid, name);
  } catch {
    // Already gone.
  }
}
