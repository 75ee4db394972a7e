/**
 * The `mltrack` bin (mltrack-sdk/dist) deploys a real scikit-learn model version locally against a
 * real `mlflow server`: `deploy` waits until ready and exits while the scoring server keeps running,
 * `deployments ls|get|logs` show it, `invoke` prints the model's own predictions, and `undeploy`
 * stops the process and frees its port.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { repoRoot } from "../../scripts/lib/paths";
import { alive, canBind, killGroup } from "../support/processes";
import { registerSklearnModel, type SklearnModelVersion } from "../support/sklearn-model";

const execFileAsync = promisify(execFile);
const CLI = path.join(repoRoot, "mltrack-sdk", "dist", "cli", "index.js");
const deployDir = mkdtempSync(path.join(tmpdir(), "mltrack-cli-deploy-"));
let model: SklearnModelVersion;
const pids: number[] = [];

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, ...args], {
      cwd: repoRoot,
      env: { ...process.env, MLFLOW_TRACKING_URI: inject("mlflowUrl"), MLTRACK_DEPLOY_DIR: deployDir },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

beforeAll(async () => {
  model = await registerSklearnModel(inject("mlflowUrl"), `iris-cli-${randomUUID().slice(0, 8)}`);
});

afterAll(() => {
  for (const pid of pids) killGroup(pid);
  rmSync(deployDir, { recursive: true, force: true });
});

it("deploy, deployments ls/get/logs, invoke and undeploy a real model version locally", async () => {
  const deployed = await cli(
    "deploy",
    model.name,
    model.version,
    "--target",
    "local",
    "--config-json",
    '{"timeoutSeconds":30}',
  );
  expect(deployed.stderr).toBe("");
  expect(deployed.code).toBe(0);
  const id = /Deployment (d-[0-9a-f]{12}): ready/.exec(deployed.stdout)?.[1];
  expect(id, deployed.stdout).toBeDefined();
  const url = /url\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(deployed.stdout)?.[1];
  expect(url).toBeDefined();

  // The CLI has exited; the scoring server it started still runs.
  const got = await cli("deployments", "get", id as string, "--json");
  expect(got.code).toBe(0);
  const record = JSON.parse(got.stdout) as {
    status: string;
    endpointUrl: string;
    requestedBy: string;
    runtime: { pid: number; port: number };
  };
  pids.push(record.runtime.pid);
  expect(record).toMatchObject({ status: "ready", endpointUrl: url });
  expect(record.requestedBy).toBeTruthy();
  expect(alive(record.runtime.pid)).toBe(true);

  const listed = await cli("deployments", "ls", "--model", model.name);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(new RegExp(`${id}\\s+${model.name}/${model.version}\\s+local\\s+ready\\s+${url}`));
  const listedJson = JSON.parse((await cli("deployments", "ls", "--json")).stdout) as { id: string }[];
  expect(listedJson.map((d) => d.id)).toContain(id);

  const invoked = await cli("invoke", id as string, "--data", model.servingInput);
  expect(invoked.code).toBe(0);
  expect(JSON.parse(invoked.stdout)).toEqual({ predictions: model.predictions });

  const logs = await cli("deployments", "logs", id as string);
  expect(logs.code).toBe(0);
  expect(logs.stdout).toMatch(/uvicorn|Uvicorn/);

  const undeployed = await cli("undeploy", id as string);
  expect(undeployed.code).toBe(0);
  expect(undeployed.stdout).toMatch(new RegExp(`Deployment ${id}: stopped`));
  expect(alive(record.runtime.pid)).toBe(false);
  expect(alive(-record.runtime.pid)).toBe(false);
  expect(await canBind(record.runtime.port)).toBe(true);

  const after = await cli("invoke", id as string, "--data", model.servingInput);
  expect(after.code).toBe(1);
  expect(after.stderr).toMatch(/is stopped, not ready/);
});

it("reports bad input with exit code 2 and the field named, and a missing version with exit code 1", async () => {
  const bad = await cli(
    "deploy",
    model.name,
    model.version,
    "--target",
    "local",
    "--config-json",
    '{"timeoutSeconds":0}',
  );
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/config\.timeoutSeconds/);
  const missing = await cli("deploy", model.name, "999", "--target", "local");
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/There is no version 999/);
  const noTarget = await cli("deploy", model.name, model.version);
  expect(noTarget.code).toBe(2);
  expect(noTarget.stderr).toMatch(/--target/);
});
