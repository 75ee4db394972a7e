import type { DeploymentStatus } from "mltrack-sdk/deploy-config";

/** Statuses in which the engine is still working: the record changes on its own. */
export const TRANSITIONAL_STATUSES: ReadonlySet<DeploymentStatus> = new Set([
  "pending",
  "building",
  "starting",
  "stopping",
]);

export const isTransitional = (status: DeploymentStatus): boolean => TRANSITIONAL_STATUSES.has(status);

/** How often a record is read again: every second while the engine works, then now and then for health. */
export function pollIntervalOf(status: DeploymentStatus | undefined): number | false {
  if (status === undefined || isTransitional(status)) return 1000;
  return status === "ready" ? 15_000 : false;
}

/** "3.2 s", "4 min 05 s", "2 h 10 min". */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "–";
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}
