/**
 * Per-deployment test-invoke statistics, kept in this UI server process only (they start afresh on
 * restart and each UI instance has its own; the page says so).
 */
import "server-only";
import { InvokeStatsWindow, emptyInvokeStats, type InvokeSample, type InvokeStatsSnapshot } from "../invoke-stats";

const SLOT = Symbol.for("mltrack.invokeStats");
/** Deployments tracked at most; the least recently called is dropped past this. */
const MAX_DEPLOYMENTS = 500;

type Holder = typeof globalThis & { [SLOT]?: Map<string, InvokeStatsWindow> };

function windows(): Map<string, InvokeStatsWindow> {
  const holder = globalThis as Holder;
  return (holder[SLOT] ??= new Map());
}

export function recordInvoke(deploymentId: string, sample: InvokeSample): void {
  const map = windows();
  const window = map.get(deploymentId) ?? new InvokeStatsWindow();
  map.delete(deploymentId);
  map.set(deploymentId, window);
  window.record(sample);
  if (map.size > MAX_DEPLOYMENTS) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

export function invokeStatsOf(deploymentId: string): InvokeStatsSnapshot {
  return windows().get(deploymentId)?.snapshot() ?? emptyInvokeStats();
}
