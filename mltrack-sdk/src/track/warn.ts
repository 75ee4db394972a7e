/**
 * Problems of tracking itself (MLflow unreachable, a bad metric name) never reach user code: the first
 * one is printed as a single warning, later ones only with `MLTRACK_DEBUG=1`.
 */
let warned = false;

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

function debugEnabled(): boolean {
  const flag = typeof process === "undefined" ? undefined : process.env.MLTRACK_DEBUG;
  return flag !== undefined && flag !== "" && flag !== "0" && flag !== "false";
}

/** Reports a tracking problem: one warning per process, then quiet unless MLTRACK_DEBUG is set. */
export function reportProblem(what: string, err?: unknown): void {
  try {
    const detail = err === undefined ? what : `${what}: ${describe(err)}`;
    if (!warned) {
      warned = true;
      console.warn(
        `[mltrack] ${detail}. Your code runs on; further tracking problems are not reported (set MLTRACK_DEBUG=1 to see them).`,
      );
    } else if (debugEnabled()) {
      console.warn(`[mltrack] ${detail}`);
    }
  } catch {
    // Printing a warning must not fail the caller either.
  }
}

/** Runs tracking code; whatever it throws is reported, never propagated. */
export function safely<T>(what: string, action: () => T): T | undefined {
  try {
    return action();
  } catch (err) {
    reportProblem(what, err);
    return undefined;
  }
}

/** For tests: the next problem warns again. */
export function resetWarnings(): void {
  warned = false;
}
