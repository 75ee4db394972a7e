/**
 * `make deploy`: mltrack-demo-classifier@champion to the local target through the `mltrack` CLI
 * (`mltrack deploy <model> <version> --target local --json`), unless a ready local deployment of that
 * version already answers; then it is reused.
 */
import { Deployment } from "mltrack-sdk/deploy-config";
import { championVersion, deploymentPage, mltrackCli, readyLocalDeployment } from "./champion";
import { ALIAS, DemoError, REGISTERED_MODEL, assertUiUp, demoConfig, runMain } from "./demo-config";

async function main(): Promise<void> {
  const config = await demoConfig();
  await assertUiUp(config);
  const champion = await championVersion(config);
  const model = `${REGISTERED_MODEL} version ${champion.version} (alias ${ALIAS})`;

  let deployment = await readyLocalDeployment(config, champion.version);
  if (deployment) {
    console.log(`${model} already has a ready local deployment: reusing it.`);
  } else {
    console.log(`Deploying ${model} to the local target: mltrack deploy ... --target local`);
    const result = await mltrackCli(config, [
      "deploy",
      REGISTERED_MODEL,
      champion.version,
      "--target",
      "local",
      "--json",
    ]);
    if (result.code !== 0 && !result.stdout.trim()) {
      throw new DemoError(`mltrack deploy failed (exit code ${result.code}):\n${result.stderr.trim()}`);
    }
    deployment = Deployment.parse(JSON.parse(result.stdout));
    if (deployment.status !== "ready") {
      const error = deployment.lastError;
      throw new DemoError(
        `Deployment ${deployment.id} is ${deployment.status}: ${error?.message ?? "no error recorded"}${error?.hint ? `\nhint: ${error.hint}` : ""}\n${deploymentPage(config, deployment)}`,
      );
    }
  }
  console.log(`
Deployment ${deployment.id}: ${deployment.status}
  model       models:/${deployment.modelName}/${deployment.modelVersion}
  scoring URL ${deployment.endpointUrl ?? "-"} (POST /invocations)
  UI page     ${deploymentPage(config, deployment)}
Next: make test-inference`);
}

runMain(main);
