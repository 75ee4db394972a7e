/**
 * The deploy engine's local target against a real `mlflow server` and MLflow's real scoring server
 * (`mlflow models serve --env-manager local` from .venv), with the built package (mltrack-sdk/deploy).
 * A scikit-learn model is trained and registered by MLflow's own Python client; the deployment's
 * predictions must equal the model's own.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowClient } from "mltrack-sdk/mlflow";
import {
  DeployEngine,
  DeployError,
  createLocalTarget,
  deploy,
  deploymentTagKey,
  type Deployment,
  type DeployEngineOptions,
} from "mltrack-sdk/deploy";
import { venvBin } from "../../scripts/lib/paths";
import { alive, canBind, killGroup } from "../support/processes";
import { registerSklearnModel, type SklearnModelVersion } from "../support/sklearn-model";

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const workDir = mkdtempSync(path.join(tmpdir(), "mltrack-deploy-local-"));
const warnings: string[] = [];
let mlflow: MlflowClient;
let model: SklearnModelVersion;
const engines: DeployEngine[] = [];

function engine(extra: Partial<DeployEngineOptions> = {}): DeployEngine {
  const e = new DeployEngine({ mlflow, workDir, warn: (w) => warnings.push(w), ...extra });
  engines.push(e);
  return e;
}

const pidOf = (d: Deployment) => d.runtime.pid as number;
const portOf = (d: Deployment) => d.runtime.port as number;

async function predictions(e: DeployEngine, id: string): Promise<unknown> {
  const res = await e.invoke(id, { body: model.servingInput, contentType: "application/json" });
  expect(res.status).toBe(200);
  return (JSON.parse(res.body) as { predictions: unknown }).predictions;
}

beforeAll(async () => {
  mlflow = new MlflowClient({ trackingUri: inject("mlflowUrl"), auth: null });
  model = await registerSklearnModel(inject("mlflowUrl"), unique("iris-local"));
});

afterAll(async () => {
  // Leave no scoring server behind, whatever a failed test left.
  const cleanup = engine();
  for (const d of await cleanup.list({ modelName: model.name })) {
    await cleanup.undeploy(d.id, { wait: true }).catch(() => undefined);
    const pid = d.runtime.pid;
    if (typeof pid === "number") killGroup(pid);
  }
  rmSync(workDir, { recursive: true, force: true });
});

describe("local deploy", () => {
  let first: Deployment;

  it("deploys a registered sklearn version: ready, each step persisted, predictions equal the model's own", async () => {
    const e = engine();
    const created = await e.deploy(
      { target: "local", modelName: model.name, modelVersion: model.version },
      { requestedBy: "ana" },
    );
    expect(created).toMatchObject({ status: "pending", requestedBy: "ana", target: "local", endpointUrl: null });
    expect(created.id).toMatch(/^d-[0-9a-f]{12}$/);

    first = await e.settle(created.id);
    expect(first.lastError).toBeNull();
    expect(first.status).toBe("ready");
    expect(first.endpointUrl).toBe(`http://127.0.0.1:${portOf(first)}`);
    expect(first.events.map((ev) => ev.status)).toEqual(
      expect.arrayContaining(["pending", "building", "starting", "ready"]),
    );
    expect(first.events.map((ev) => ev.message).join("\n")).toMatch(/Downloaded \d+ files from mlflow-artifacts:/);

    // The record is MLflow's: a registered-model tag holding the same JSON.
    const stored = await mlflow.registeredModels.get({ name: model.name });
    expect(JSON.parse(stored.tags[deploymentTagKey(first.id)] ?? "{}")).toEqual(first);

    expect(await predictions(e, first.id)).toEqual(model.predictions);
    // The scoring server's own contract, straight to its URL.
    const csv = [model.columns.join(","), ...model.rows.map((r) => r.join(","))].join("\n");
    const res = await e.invoke(first.id, { body: csv, contentType: "text/csv" });
    expect(JSON.parse(res.body)).toEqual({ predictions: model.predictions });
    expect((await e.logs(first.id)).join("\n")).toMatch(
      /Uvicorn running|Started server process|Application startup complete/,
    );
  });

  it("answers the same request twice, concurrently or later, with that one deployment", async () => {
    const e = engine();
    const request = { target: "local" as const, modelName: model.name, modelVersion: model.version };
    const [a, b] = await Promise.all([e.deploy(request), e.deploy({ ...request, config: { timeoutSeconds: 60 } })]);
    expect(a.id).toBe(first.id);
    expect(b.id).toBe(first.id);
    const all = await e.list({ modelName: model.name });
    expect(all.filter((d) => d.status !== "stopped" && d.status !== "failed")).toHaveLength(1);
  });

  it("keeps records across a restart: a new engine lists them and re-attaches to the live server", async () => {
    const restarted = engine();
    await restarted.recover();
    const again = await restarted.get(first.id);
    expect(again.status).toBe("ready");
    expect(alive(pidOf(again))).toBe(true);
    expect(await predictions(restarted, first.id)).toEqual(model.predictions);
    expect((await restarted.list()).map((d) => d.id)).toContain(first.id);
  });

  it("marks a deployment whose server died as failed, with its log, when probed", async () => {
    const e = engine();
    const d = await e.deploy(
      { target: "local", modelName: model.name, modelVersion: model.version, config: { timeoutSeconds: 30 } },
      { wait: true },
    );
    expect(d.status).toBe("ready");
    process.kill(-pidOf(d), "SIGKILL");
    while (alive(-pidOf(d))) await new Promise((r) => setTimeout(r, 50));

    await engine().recover();
    const after = await e.get(d.id);
    expect(after.status).toBe("failed");
    expect(after.lastError?.message).toMatch(/no longer answers/);
    expect(after.lastError?.hint).toBeTruthy();
    await expect(e.invoke(d.id, { body: model.servingInput, contentType: "application/json" })).rejects.toMatchObject({
      code: "RESOURCE_CONFLICT",
    });
  });

  it("undeploys: stopping then stopped, the process group gone and the port free again", async () => {
    const e = engine();
    const port = portOf(first);
    const pid = pidOf(first);
    const stopping = await e.undeploy(first.id);
    expect(stopping.status).toBe("stopping");
    const stopped = await e.settle(first.id);
    expect(stopped.status).toBe("stopped");
    expect(stopped.events.at(-1)?.status).toBe("stopped");
    expect(alive(pid)).toBe(false);
    expect(alive(-pid)).toBe(false); // uvicorn, which mlflow started in its group, too
    expect(await canBind(port)).toBe(true);
    await expect(
      e.invoke(first.id, { body: model.servingInput, contentType: "application/json" }),
    ).rejects.toMatchObject({
      code: "RESOURCE_CONFLICT",
    });
    // A stopped deployment is not joined: the same request makes a new one, once for two concurrent calls.
    const request = { target: "local" as const, modelName: model.name, modelVersion: model.version };
    const [n1, n2] = await Promise.all([e.deploy(request), e.deploy(request)]);
    expect(n1.id).not.toBe(first.id);
    expect(n2.id).toBe(n1.id);
    const live = (await e.list({ modelName: model.name })).filter(
      (d) => d.status !== "stopped" && d.status !== "failed",
    );
    expect(live.map((d) => d.id)).toEqual([n1.id]);
    const next = await e.settle(n1.id);
    expect(next.status).toBe("ready");
    await e.undeploy(next.id, { wait: true });
  });
});

describe("undeploy during the rollout", () => {
  it("stops a deployment while it is starting: stopped, no process left, its port free", async () => {
    const e = engine();
    const d = await e.deploy({
      target: "local",
      modelName: model.name,
      modelVersion: model.version,
      config: { timeoutSeconds: 58 },
    });
    // Wait until the server process exists (its pid is recorded), then undeploy before /ping answers.
    let starting = await e.get(d.id);
    while (starting.status !== "starting" && starting.status !== "ready" && starting.status !== "failed") {
      await new Promise((r) => setTimeout(r, 100));
      starting = await e.get(d.id);
    }
    await e.undeploy(d.id);
    const stopped = await e.settle(d.id);
    expect(stopped.status).toBe("stopped");
    expect(stopped.events.map((ev) => ev.status)).toContain("stopping");
    const pid = pidOf(stopped);
    expect(alive(-pid)).toBe(false);
    expect(await canBind(portOf(stopped))).toBe(true);
  });
});

describe("deploy() and redeploy", () => {
  it("deploy() waits until ready; redeploy puts another version live and then stops the old one", async () => {
    const v2 = await registerSklearnModel(inject("mlflowUrl"), model.name);
    expect(v2.version).not.toBe(model.version);
    const d1 = await deploy(
      { target: "local", modelName: model.name, modelVersion: model.version, config: { timeoutSeconds: 57 } },
      { mlflow, workDir, requestedBy: "a script" },
    );
    expect(d1).toMatchObject({ status: "ready", requestedBy: "a script" });

    const e = engine();
    const d2 = await e.redeploy(d1.id, v2.version, { wait: true });
    expect(d2.id).not.toBe(d1.id);
    expect(d2).toMatchObject({ status: "ready", modelVersion: v2.version, config: d1.config });
    expect(await predictions(e, d2.id)).toEqual(v2.predictions);

    const old = await e.get(d1.id);
    expect(old.status).toBe("stopped");
    expect(old.events.map((ev) => ev.message)).toContain(`Replaced by ${d2.id} (version ${v2.version})`);
    expect(alive(-pidOf(d1))).toBe(false);
    await e.undeploy(d2.id, { wait: true });
  });
});

describe("bad input", () => {
  it("refuses a version without MLmodel with a clear error, before any record exists", async () => {
    const name = unique("not-a-model");
    await mlflow.registeredModels.create({ name });
    const experimentId = await mlflow.experiments.create({ name: unique("not-a-model") });
    const run = await mlflow.runs.create({ experimentId });
    await mlflow.uploadArtifact({ artifactUri: run.info.artifactUri, path: "weights/readme.txt", body: "not a model" });
    const version = await mlflow.modelVersions.create({
      name,
      source: `${run.info.artifactUri}/weights`,
      runId: run.info.runId,
    });

    const e = engine();
    const error = await e
      .deploy({ target: "local", modelName: name, modelVersion: version.version })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DeployError);
    expect(error).toMatchObject({ code: "RESOURCE_DOES_NOT_EXIST" });
    const message = (error as DeployError).message;
    expect(message).toContain(`Version ${version.version} of registered model "${name}"`);
    expect(message).toContain("MLmodel");
    expect(message).toContain(`${run.info.artifactUri}/weights`);
    expect(message).toContain("readme.txt");
    expect((error as DeployError).hint).toMatch(/mlflow\.<flavor>\.log_model/);
    expect(await e.list({ modelName: name })).toEqual([]);

    await expect(e.deploy({ target: "local", modelName: name, modelVersion: "99" })).rejects.toMatchObject({
      code: "RESOURCE_DOES_NOT_EXIST",
      message: expect.stringContaining("There is no version 99"),
    });
  });

  it("refuses a bad config naming every field, before any record exists", async () => {
    const e = engine();
    const error = (await e
      .deploy({
        target: "local",
        modelName: model.name,
        modelVersion: model.version,
        config: { timeoutSeconds: -1, startupTimeoutSeconds: 99_999 },
      })
      .catch((err: unknown) => err)) as DeployError;
    expect(error.code).toBe("INVALID_PARAMETER_VALUE");
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["config.startupTimeoutSeconds", "config.timeoutSeconds"]);
    const records = await e.list({ modelName: model.name });
    expect(records.some((d) => (d.config as { startupTimeoutSeconds?: number }).startupTimeoutSeconds === 99_999)).toBe(
      false,
    );
  });

  it("marks a server that exits before /ping as failed with its output verbatim, and leaves no process", async () => {
    // `python models serve ...`: Python itself, asked to run a script named "models", exits at once.
    const e = engine({ targets: { local: createLocalTarget({ mlflowBin: venvBin("python") }) } });
    const d = await e.deploy(
      { target: "local", modelName: model.name, modelVersion: model.version, config: { timeoutSeconds: 59 } },
      { wait: true },
    );
    expect(d.status).toBe("failed");
    expect(d.lastError?.message).toMatch(/exited \(2\) before http:\/\/127\.0\.0\.1:\d+\/ping answered/);
    expect(d.lastError?.message).toMatch(/can't open file .*models/);
    expect(d.lastError?.hint).toMatch(/--env-manager local/);
    expect(alive(-pidOf(d))).toBe(false);
    expect(existsSync(path.join(workDir, d.id, "serve.log"))).toBe(true);
  });
});
