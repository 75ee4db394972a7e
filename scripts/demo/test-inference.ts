/**
 * `make test-inference`: the held-out rows (which the model never saw) go to the demo deployment's
 * /invocations as MLflow's `dataframe_split`, straight to the scoring URL as any HTTP client would
 * call the live model; each answer must be a valid class and equal what the registered model itself
 * predicts (mlflow.pyfunc in .venv), and the accuracy against the true labels is printed.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { championVersion, deploymentPage, readyLocalDeployment } from "./champion";
import { DemoError, REGISTERED_MODEL, assertUiUp, demoConfig, demoEnv, runMain, type DemoConfig } from "./demo-config";
import { checkPredictions, servedPredictions } from "./predictions";
import { lastJsonLine, runProcess } from "./run-process";

const here = path.dirname(fileURLToPath(import.meta.url));

const Holdout = z.object({
  columns: z.array(z.string()),
  data: z.array(z.array(z.number())).min(1),
  labels: z.array(z.number().int()),
  classes: z.array(z.number().int()),
  class_names: z.array(z.string()),
});

async function readHoldout(config: DemoConfig): Promise<z.output<typeof Holdout>> {
  let text: string;
  try {
    text = await readFile(config.holdoutFile, "utf8");
  } catch {
    throw new DemoError(`No held-out rows at ${config.holdoutFile}: run \`make train\` first.`);
  }
  return Holdout.parse(JSON.parse(text));
}

async function referencePredictions(config: DemoConfig, modelUri: string): Promise<number[]> {
  const script = path.join(here, "pyfunc_predict.py");
  const result = await runProcess(config.python, [script, modelUri, config.holdoutFile], { env: demoEnv(config) });
  if (result.code !== 0) throw new DemoError(`Loading ${modelUri} with mlflow.pyfunc failed:\n${result.stderr.trim()}`);
  return z.object({ predictions: z.array(z.number()) }).parse(lastJsonLine(result.stdout)).predictions;
}

async function main(): Promise<void> {
  const config = await demoConfig();
  await assertUiUp(config);
  const champion = await championVersion(config);
  const deployment = await readyLocalDeployment(config, champion.version);
  if (!deployment?.endpointUrl) {
    throw new DemoError(
      `No ready local deployment of ${REGISTERED_MODEL} version ${champion.version} (the champion): run \`make deploy\` first.`,
    );
  }
  const holdout = await readHoldout(config);
  const url = `${deployment.endpointUrl}/invocations`;
  console.log(`Sending ${holdout.data.length} held-out rows to deployment ${deployment.id}: POST ${url}`);
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ dataframe_split: { columns: holdout.columns, data: holdout.data } }),
    signal: AbortSignal.timeout(60_000),
  });
  const body = await res.text();
  if (!res.ok) throw new DemoError(`The scoring server answered ${res.status}:\n${body.slice(0, 2000)}`);
  const served = servedPredictions(JSON.parse(body));

  const modelUri = `models:/${REGISTERED_MODEL}/${champion.version}`;
  console.log(`Predicting the same rows with ${modelUri} itself (mlflow.pyfunc)`);
  const reference = await referencePredictions(config, modelUri);
  const check = checkPredictions({ served, reference, labels: holdout.labels, classes: holdout.classes });

  const problems = [
    ...check.invalid.map(
      (p) => `row ${p.row}: ${JSON.stringify(p.served)} is not a class (${holdout.classes.join(", ")})`,
    ),
    ...check.mismatches.map(
      (p) => `row ${p.row}: the deployment says ${JSON.stringify(p.served)}, the model ${p.reference}`,
    ),
  ];
  if (problems.length) {
    throw new DemoError(
      `The deployment's predictions do not check out:\n  ${problems.join("\n  ")}\n${deploymentPage(config, deployment)}`,
    );
  }
  const counts = holdout.classes.map(
    (c, i) => `${served.filter((p) => p === c).length} ${holdout.class_names[i] ?? c}`,
  );
  console.log(`
All ${check.rows} predictions are valid classes (${counts.join(", ")}) and equal the registered model's own.
Accuracy on the held-out rows: ${check.correct}/${check.rows} = ${check.accuracy.toFixed(3)}
  ${deploymentPage(config, deployment)}`);
}

runMain(main);
