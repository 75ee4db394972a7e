/** The demo's champion model version and its local deployment, as `make deploy` and `make test-inference` find them. */
import { MlflowClient, MlflowNotFoundError, type ModelVersion } from "mltrack-sdk";
import { Deployment } from "mltrack-sdk/deploy-config";
import { ALIAS, DemoError, REGISTERED_MODEL, demoEnv, type DemoConfig } from "./demo-config";
import { runProcess } from "./run-process";

/** `mltrack-demo-classifier@champion`, resolved through the SDK's MLflow client. */
export async function championVersion(config: DemoConfig): Promise<ModelVersion> {
  const client = new MlflowClient({ trackingUri: config.uiUrl });
  try {
    return await client.modelVersions.getByAlias({ name: REGISTERED_MODEL, alias: ALIAS });
  } catch (err) {
    if (err instanceof MlflowNotFoundError) {
      throw new DemoError(`No registered model ${REGISTERED_MODEL} with alias ${ALIAS} yet: run \`make train\` first.`);
    }
    throw err;
  }
}

/** `mltrack <args>` from the built CLI, MLflow being the UI's gateway. */
export function mltrackCli(config: DemoConfig, args: readonly string[]) {
  return runProcess(process.execPath, [config.cli, ...args], { env: demoEnv(config) });
}

async function answersPing(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(5_000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * The newest local deployment of `version` whose record says ready and whose scoring server answers
 * /ping (a record outlives its process when the machine restarts).
 */
export async function readyLocalDeployment(config: DemoConfig, version: string): Promise<Deployment | undefined> {
  const listed = await mltrackCli(config, ["deployments", "ls", "--model", REGISTERED_MODEL, "--json"]);
  if (listed.code !== 0) throw new DemoError(`mltrack deployments ls failed:\n${listed.stderr.trim()}`);
  const deployments = Deployment.array().parse(JSON.parse(listed.stdout));
  for (const d of deployments) {
    if (d.target !== "local" || d.status !== "ready" || d.modelVersion !== version || !d.endpointUrl) continue;
    if (await answersPing(d.endpointUrl)) return d;
  }
  return undefined;
}

export function deploymentPage(config: DemoConfig, deployment: Deployment): string {
  return `${config.uiUrl}/deployments/${deployment.id}`;
}
