/** `make demo`'s last step: the pages to open, found through MLflow (demo experiments, model, deployment). */
import type { StackSettings } from "./config";
import { answersAsMlflow } from "./probe";
import { redact } from "./redact";
import { loadSdk, type Sdk } from "./sdk";

/** What scripts/demo trains and registers. */
export const DEMO = {
  pythonExperiment: "mltrack-demo-sklearn",
  typescriptExperiment: "mltrack-demo-typescript",
  registeredModel: "mltrack-demo-classifier",
} as const;

const TRAIN_HINT = "not found: run `make train`";

export async function urls(settings: StackSettings): Promise<number> {
  const ui = settings.uiUrl;
  const rows: [string, string][] = [
    ["Home", `${ui}/`],
    ["Experiments", `${ui}/experiments`],
  ];
  const mlflowUp = await answersAsMlflow(settings.mlflowUrl);
  const sdk = mlflowUp ? await loadSdk(settings, () => undefined) : undefined;
  for (const name of [DEMO.pythonExperiment, DEMO.typescriptExperiment]) {
    rows.push([`  ${name}`, sdk ? await experimentPage(sdk, ui, name) : "unknown: MLflow is not running"]);
  }
  rows.push(["Registered model", sdk ? await modelPage(sdk, ui) : "unknown: MLflow is not running"]);
  rows.push(["Deployments", `${ui}/deployments`]);
  if (sdk) {
    const deployment = await demoDeployment(sdk);
    rows.push([
      "  demo deployment",
      deployment
        ? `${ui}/deployments/${deployment.id} (${deployment.status}, ${deployment.endpointUrl ?? "no URL yet"})`
        : "none running: run `make deploy`",
    ]);
  }
  rows.push(["MLflow's own UI", redact(settings.mlflowUrl)]);

  const width = Math.max(...rows.map(([label]) => label.length));
  console.log("\nOpen MLTrack:\n");
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  if (!mlflowUp) console.log(`\nMLflow does not answer at ${redact(settings.mlflowUrl)}: \`make start\` first.`);
  console.log("");
  return 0;
}

async function experimentPage(sdk: Sdk, ui: string, name: string): Promise<string> {
  try {
    const experiment = await sdk.mlflow.experiments.getByName({ experimentName: name });
    if (experiment.lifecycleStage !== "active") return `deleted: run \`make train\``;
    return `${ui}/experiments/${experiment.experimentId}`;
  } catch (err) {
    if (sdk.isNotFound(err)) return TRAIN_HINT;
    throw err;
  }
}

async function modelPage(sdk: Sdk, ui: string): Promise<string> {
  const name = DEMO.registeredModel;
  try {
    await sdk.mlflow.registeredModels.get({ name });
    return `${ui}/models/${encodeURIComponent(name)}`;
  } catch (err) {
    if (sdk.isNotFound(err)) return `${name} ${TRAIN_HINT}`;
    throw err;
  }
}

/** The newest deployment of the demo model that is not stopped or failed, a ready one first. */
async function demoDeployment(sdk: Sdk) {
  const live = (await sdk.engine.list({ modelName: DEMO.registeredModel })).filter((d) => !sdk.isFinal(d.status));
  return live.find((d) => d.status === "ready") ?? live[0];
}
