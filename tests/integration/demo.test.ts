/**
 * The demos behind `make train`, `make deploy` and `make test-inference`, run as the Makefile runs
 * them (tsx scripts/demo/*.ts) against the harness's real MLflow and built UI (PORT, MLFLOW_TRACKING_URI
 * and MLTRACK_DATA_DIR point stackConfig() at them): what train logged is read back from MLflow
 * directly, the deployment is a real local scoring server, and everything deployed is undeployed.
 *
 * The Python binding: the one `make python-binding` installs into .venv, else a wheel built here from
 * mltrack-sdk/python into a temporary folder and put on PYTHONPATH (nothing is pip-installed; the
 * sources alone cannot be imported, the build copies the tag spec into the package).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { LLM_METRICS, LLM_TAGS, MLFLOW_TAGS, MLTRACK_TAGS, MlflowClient, collect, type Run } from "mltrack-sdk/mlflow";
import { repoRoot, venvBin } from "../../scripts/lib/paths";
import { killGroup } from "../support/processes";

const execFileAsync = promisify(execFile);
const TSX = path.join(repoRoot, "node_modules", ".bin", "tsx");
const CLI = path.join(repoRoot, "mltrack-sdk", "dist", "cli", "index.js");
const MODEL = "mltrack-demo-classifier";

const dataDir = mkdtempSync(path.join(tmpdir(), "mltrack-demo-test-"));
const mlflow = new MlflowClient({ trackingUri: inject("mlflowUrl"), auth: null });
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: new URL(inject("uiUrl")).port,
  MLFLOW_TRACKING_URI: inject("mlflowUrl"),
  MLTRACK_DATA_DIR: dataDir,
  MLTRACK_DEPLOY_DIR: path.join(dataDir, "deployments"),
  MLTRACK_SPOOL_DIR: path.join(dataDir, "spool"),
};
const deployments = new Map<string, number>();

async function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { cwd: repoRoot, env, maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const demo = (name: string) => run(TSX, [path.join(repoRoot, "scripts", "demo", `${name}.ts`)]);

async function runsOf(experimentName: string): Promise<Run[]> {
  const { experimentId } = await mlflow.experiments.getByName({ experimentName });
  return collect(mlflow.runs.searchAll({ experimentIds: [experimentId] }));
}

async function history(runId: string, metricKey: string): Promise<number[]> {
  const points = await collect(mlflow.metrics.getHistoryAll({ runId, metricKey }));
  return points.map((p) => p.step).sort((a, b) => a - b);
}

const steps = (n: number) => Array.from({ length: n }, (_, i) => i);

beforeAll(async () => {
  if ((await run(venvBin("python"), ["-c", "import mltrack"])).code === 0) return;
  const wheelDir = path.join(dataDir, "wheel");
  const built = await run(venvBin("python"), [
    ...["-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps", "--no-build-isolation"],
    ...[path.join(repoRoot, "mltrack-sdk", "python"), "-w", wheelDir],
  ]);
  expect(built.code, built.stderr).toBe(0);
  const wheel = readdirSync(wheelDir).find((f) => f.endsWith(".whl"));
  env.PYTHONPATH = path.join(wheelDir, wheel as string);
}, 120_000);

afterAll(async () => {
  for (const [id, pid] of deployments) {
    const undeployed = await run(process.execPath, [CLI, "undeploy", id]);
    if (undeployed.code !== 0) killGroup(pid);
  }
  for (const name of ["mltrack-demo-sklearn", "mltrack-demo-typescript"]) {
    const experiment = await mlflow.experiments.getByName({ experimentName: name }).catch(() => undefined);
    if (experiment) await mlflow.experiments.delete({ experimentId: experiment.experimentId });
  }
  await mlflow.registeredModels.delete({ name: MODEL }).catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

it("deploy and test-inference say to run make train when nothing is registered", async () => {
  const deployed = await demo("deploy");
  expect(deployed.code).toBe(1);
  expect(deployed.stderr).toContain(`No registered model ${MODEL} with alias champion yet: run \`make train\` first.`);
});

it("train logs the scikit-learn sweep (Python binding) and the TypeScript demo (track()) through the UI", async () => {
  const trained = await demo("train");
  expect(trained.code, trained.stderr).toBe(0);
  expect(trained.stdout).toMatch(
    /Registered model mltrack-demo-classifier version 1 \(mlp-.+, run [0-9a-f]{32}\), alias champion/,
  );

  const sklearn = await runsOf("mltrack-demo-sklearn");
  const parents = sklearn.filter((r) => r.info.runName === "sweep");
  expect(parents).toHaveLength(1);
  const parent = parents[0] as Run;
  expect(parent.info.status).toBe("FINISHED");
  const children = sklearn.filter((r) => r.data.tags[MLFLOW_TAGS.parentRunId] === parent.info.runId);
  expect(children).toHaveLength(7);
  expect(sklearn).toHaveLength(8);

  const failed = children.filter((r) => r.info.status === "FAILED");
  expect(failed).toHaveLength(1);
  expect(failed[0]?.data.params).toMatchObject({ learning_rate_init: "-0.01" });
  expect(failed[0]?.data.tags[MLTRACK_TAGS.errorMessage]).toMatch(
    /^InvalidParameterError: The 'learning_rate_init' parameter of MLPClassifier must be a float in the range \(0\.0, inf\)/,
  );
  const finished = children.filter((r) => r.info.status === "FINISHED");
  expect(finished).toHaveLength(6);
  for (const child of finished) {
    expect(Object.keys(child.data.params).sort()).toEqual([
      "alpha",
      "epochs",
      "hidden_units",
      "learning_rate_init",
      "seed",
    ]);
    expect(await history(child.info.runId, "val_loss")).toEqual(steps(25));
  }

  const best = finished.reduce((a, b) =>
    (b.data.metrics.final_val_loss?.value ?? Infinity) < (a.data.metrics.final_val_loss?.value ?? Infinity) ? b : a,
  );
  for (const key of ["train_loss", "train_accuracy", "val_accuracy"]) {
    expect(await history(best.info.runId, key)).toEqual(steps(25));
  }
  expect(parent.data.tags["demo.best_run_id"]).toBe(best.info.runId);
  const champion = await mlflow.modelVersions.getByAlias({ name: MODEL, alias: "champion" });
  expect(champion).toMatchObject({ version: "1", runId: best.info.runId, status: "READY" });
  expect(best.outputs.models).toHaveLength(1);

  const typescript = await runsOf("mltrack-demo-typescript");
  expect(typescript).toHaveLength(5);
  expect(typescript.every((r) => r.info.status === "FINISHED")).toBe(true);
  const sweep = typescript.find((r) => r.info.runName === "lr-sweep") as Run;
  const regressions = typescript.filter((r) => r.data.tags[MLFLOW_TAGS.parentRunId] === sweep.info.runId);
  expect(regressions.map((r) => r.info.runName).sort()).toEqual(["logreg-lr0.01", "logreg-lr0.1", "logreg-lr1"]);
  for (const regression of regressions) {
    expect(await history(regression.info.runId, "val_loss")).toEqual(steps(50));
    expect(regression.data.metrics.final_val_accuracy?.value).toBeGreaterThan(0.5);
  }
  expect(regressions.map((r) => r.info.runId)).toContain(sweep.data.tags["demo.best_run_id"]);

  const evaluation = typescript.find((r) => r.info.runName === "rule-based-sentiment-eval") as Run;
  expect(evaluation.data.tags).toMatchObject({
    [MLTRACK_TAGS.category]: "llm",
    [LLM_TAGS.model]: "rule-based-sentiment-v1",
    [LLM_TAGS.provider]: "none (rule-based function, not an LLM)",
  });
  expect(await history(evaluation.info.runId, LLM_METRICS.totalTokens)).toEqual(steps(16));
  expect(evaluation.data.metrics[LLM_METRICS.costUsd]).toBeUndefined();
  expect(evaluation.data.metrics.accuracy?.value).toBe(14 / 16);
}, 240_000);

it("deploy serves the champion locally through the CLI, and reuses a ready deployment", async () => {
  const deployed = await demo("deploy");
  expect(deployed.code, deployed.stderr).toBe(0);
  const id = /Deployment (d-[0-9a-f]{12}): ready/.exec(deployed.stdout)?.[1] as string;
  expect(id, deployed.stdout).toBeDefined();
  const record = JSON.parse((await run(process.execPath, [CLI, "deployments", "get", id, "--json"])).stdout) as {
    modelVersion: string;
    target: string;
    runtime: { pid: number };
  };
  deployments.set(id, record.runtime.pid);
  expect(record).toMatchObject({ modelVersion: "1", target: "local" });
  expect(deployed.stdout).toContain(`${inject("uiUrl")}/deployments/${id}`);

  const again = await demo("deploy");
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout).toContain("already has a ready local deployment: reusing it.");
  expect(again.stdout).toContain(`Deployment ${id}: ready`);
}, 180_000);

it("test-inference checks the deployment's predictions against the model's own, then fails once undeployed", async () => {
  const checked = await demo("test-inference");
  expect(checked.code, checked.stderr).toBe(0);
  expect(checked.stdout).toContain("All 40 predictions are valid classes");
  const accuracy = /Accuracy on the held-out rows: (\d+)\/40 = (\d\.\d+)/.exec(checked.stdout);
  expect(accuracy, checked.stdout).not.toBeNull();
  expect(Number(accuracy?.[2])).toBeGreaterThanOrEqual(0.85);

  const [id] = [...deployments.keys()];
  expect((await run(process.execPath, [CLI, "undeploy", id as string])).code).toBe(0);
  deployments.clear();
  const after = await demo("test-inference");
  expect(after.code).toBe(1);
  expect(after.stderr).toContain("run `make deploy` first.");
}, 180_000);
