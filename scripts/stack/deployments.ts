/**
 * Local deployments (target `local`, the scoring servers `mltrack deploy --target local` starts on
 * this machine) as the deploy engine records them in MLflow.
 */
import os from "node:os";
import type { Deployment } from "mltrack-sdk/deploy";
import type { Sdk } from "./sdk";

/** Local deployments that still run or are on their way (not stopped or failed), newest first. */
export async function activeLocalDeployments(sdk: Sdk): Promise<Deployment[]> {
  const all = await sdk.engine.list();
  return all.filter((d) => d.target === "local" && !sdk.isFinal(d.status));
}

/** The host a local deployment's scoring server runs on (its record keeps it). */
export function deploymentHost(d: Deployment): string {
  const host = d.runtime.hostname;
  return typeof host === "string" ? host : os.hostname();
}

export const onThisHost = (d: Deployment): boolean => deploymentHost(d) === os.hostname();

/** Whether the scoring server answers MLflow's `/ping`. */
export async function answersPing(d: Deployment): Promise<boolean> {
  if (!d.endpointUrl) return false;
  try {
    const res = await fetch(`${d.endpointUrl}/ping`, { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/** `id  model/version  status[, note]  scoring URL  page`, on one line. */
export function describeDeployment(d: Deployment, uiUrl: string, note?: string): string {
  const host = onThisHost(d) ? "" : ` on host ${deploymentHost(d)}`;
  const state = note ? `${d.status}, ${note}` : d.status;
  return `${d.id}  ${d.modelName}/${d.modelVersion}  ${state}  ${d.endpointUrl ?? "-"}${host}  ${uiUrl}/deployments/${d.id}`;
}
