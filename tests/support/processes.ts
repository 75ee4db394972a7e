/** What deploy tests check about the processes and ports a deployment leaves behind. */
import { portIsFree } from "../../scripts/lib/ports";

/** Whether the process (a negative pid: any process of that group) exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILL to a whole process group: a test's last resort, so nothing outlives it. */
export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** Whether the loopback port can be bound again (nothing listens on it any more). */
export const canBind = (port: number): Promise<boolean> => portIsFree(port);
