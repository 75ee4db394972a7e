/** What deploy tests check about the processes and ports a deployment leaves behind. */
import { createServer } from "node:net";

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
export function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
