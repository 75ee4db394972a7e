/**
 * `make train`: the scikit-learn sweep through the Python binding (sklearn_sweep.py), then the
 * TypeScript demo through `track()`, both logging through the UI's gateway; then what MLflow holds.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MlflowClient, collect, shutdown } from "mltrack-sdk";
import { z } from "zod";
import {
  ALIAS,
  DemoError,
  REGISTERED_MODEL,
  SKLEARN_EXPERIMENT,
  TYPESCRIPT_EXPERIMENT,
  assertUiUp,
  demoConfig,
  demoEnv,
  runMain,
  type DemoConfig,
} from "./demo-config";
import { lastJsonLine, runProcess } from "./run-process";
import { runTypescriptDemo } from "./typescript-demo";

const here = path.dirname(fileURLToPath(import.meta.url));

const SweepSummary = z.object({
  experiment_id: z.string(),
  parent_run_id: z.string(),
  child_runs: z.number(),
  failed: z.number(),
  epochs: z.number(),
  best_run_id: z.string(),
  best_config: z.string(),
  version: z.string(),
});

async function sklearnSweep(config: DemoConfig): Promise<z.output<typeof SweepSummary>> {
  const script = path.join(here, "sklearn_sweep.py");
  const args = [script, "--holdout", config.holdoutFile, "--dataset", config.datasetFile];
  const result = await runProcess(config.python, args, { env: demoEnv(config), showStderr: true });
  if (result.code !== 0) throw new DemoError(`The scikit-learn sweep failed (exit code ${result.code}).`);
  return SweepSummary.parse(lastJsonLine(result.stdout));
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** Runs per status in an experiment, read back from MLflow through the gateway. */
async function runCounts(client: MlflowClient, experimentName: string): Promise<{ id: string; text: string }> {
  const experiment = await client.experiments.getByName({ experimentName });
  const runs = await collect(client.runs.searchAll({ experimentIds: [experiment.experimentId] }));
  const byStatus = new Map<string, number>();
  for (const run of runs) byStatus.set(run.info.status, (byStatus.get(run.info.status) ?? 0) + 1);
  const statuses = [...byStatus].map(([status, n]) => `${n} ${status}`).join(", ");
  return { id: experiment.experimentId, text: `${runs.length} runs in total (${statuses})` };
}

async function main(): Promise<void> {
  const config = await demoConfig();
  await assertUiUp(config);
  console.log(`Logging through the MLTrack UI at ${config.uiUrl} (MLFLOW_TRACKING_URI).\n`);

  console.log("1/2 scikit-learn sweep, Python binding (mltrack.track)");
  let started = performance.now();
  const sweep = await sklearnSweep(config);
  console.log(`  (${seconds(started)} s)`);

  console.log("\n2/2 TypeScript demo, track() from mltrack-sdk");
  started = performance.now();
  const ts = await runTypescriptDemo({ trackingUri: config.uiUrl, datasetFile: config.datasetFile });
  await shutdown();
  console.log(
    `  lr-sweep: ${ts.childRunIds.length} logistic regressions, best learning rate ${ts.bestLearningRate} (val_accuracy ${ts.bestValAccuracy.toFixed(3)})`,
  );
  console.log(
    `  rule-based-sentiment-eval: accuracy ${ts.evaluationAccuracy.toFixed(3)} (a rule-based function, not an LLM)`,
  );
  console.log(`  (${seconds(started)} s)`);

  const client = new MlflowClient({ trackingUri: config.uiUrl });
  const sklearn = await runCounts(client, SKLEARN_EXPERIMENT);
  const typescript = await runCounts(client, TYPESCRIPT_EXPERIMENT);
  const ui = config.uiUrl;
  console.log(`
Done.
  ${SKLEARN_EXPERIMENT}: this sweep made 1 parent and ${sweep.child_runs} child runs (${sweep.failed} FAILED on purpose), ${sweep.epochs} epochs each; ${sklearn.text}
    ${ui}/experiments/${sklearn.id}
  ${TYPESCRIPT_EXPERIMENT}: this demo made 1 parent, ${ts.childRunIds.length} child runs and 1 evaluation run; ${typescript.text}
    ${ui}/experiments/${typescript.id}
  Registered model ${REGISTERED_MODEL} version ${sweep.version} (${sweep.best_config}, run ${sweep.best_run_id}), alias ${ALIAS}
    ${ui}/models/${encodeURIComponent(REGISTERED_MODEL)}
Next: make deploy`);
}

runMain(main);
