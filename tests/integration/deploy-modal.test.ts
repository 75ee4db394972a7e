/**
 * The Modal deploy target, offline, against real parts: a scikit-learn model trained and registered
 * by MLflow's own Python client on a real `mlflow server` (global setup), the real `modal` 1.6 package
 * and CLI from .venv, MLflow's real scoring server, and the deploy engine.
 *
 * What this proves: the generated app (fixed template + deploy.json + the staged model) compiles and
 * imports with the real `modal` package with no token and no network (every connection attempt is
 * refused and recorded by the helper, and none is made), and defines the expected app, function, web
 * server port, label and resources; the template's own serving command answers /ping and
 * /invocations with the model's predictions; a missing token is refused before any state change; a
 * real `modal deploy` that fails (a dummy token, Modal's API unreachable) becomes a failed record with
 * the CLI's message and a hint, leaving nothing behind; a failed `modal app stop` is surfaced.
 *
 * What cannot be proven offline (there is no Modal API here): the image build on Modal (pip installing
 * the model's requirements), URL issuance and the URL `modal deploy` prints on success (the parser is
 * unit-tested on real-looking output), the template's import inside a Modal container (where it reads
 * deploy.json from /mltrack in the image, `modal.is_local()` being false there), cold starts and /ping
 * through Modal's proxy, how Modal's proxy answers for a stopped app (probe treats its 404 as gone),
 * `modal app stop` succeeding, billing.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowClient } from "../../mltrack-sdk/src/mlflow/client";
import { DeployEngine } from "../../mltrack-sdk/src/deploy/engine";
import { DeployError } from "../../mltrack-sdk/src/deploy/errors";
import { downloadModelVersion, locateModelVersion } from "../../mltrack-sdk/src/deploy/model-files";
import { ModalConfig, type Deployment } from "../../mltrack-sdk/src/deploy/types";
import { createModalTarget } from "../../mltrack-sdk/src/deploy/targets/modal";
import {
  MODAL_FUNCTION_NAME,
  MODAL_SERVING_PORT,
  defaultModalAppName,
} from "../../mltrack-sdk/src/deploy/targets/modal-app";
import { classifyModalFailure, cliErrorMessage, runModalCli } from "../../mltrack-sdk/src/deploy/targets/modal-cli";
import { stageModalApp, type StagedModalApp } from "../../mltrack-sdk/src/deploy/targets/modal-stage";
import { repoRoot, venvBin } from "../../scripts/lib/paths";
import { freePort } from "../../scripts/lib/ports";
import { spawnManaged, waitForHttp, type ManagedProcess } from "../../scripts/lib/processes";
import { registerSklearnModel, type SklearnModelVersion } from "../support/sklearn-model";

const run = promisify(execFile);
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const tmp = mkdtempSync(path.join(tmpdir(), "mltrack-deploy-modal-"));
const workDir = path.join(tmp, "deployments");
const home = path.join(tmp, "home");
const emptyModalConfig = path.join(tmp, "modal.toml");
const DUMMY_ID = "ak-mltrackDummyTokenId0000";
const DUMMY_SECRET = "as-mltrackDummyTokenSecret0000";
const BOX = /[\u2500-\u257f]/;

let mlflow: MlflowClient;
let model: SklearnModelVersion;
let staged: StagedModalApp;
let closedPort: number;
const servers: ManagedProcess[] = [];

/** This process's env without any MODAL_* setting, Modal's config an empty file, its API a closed port. */
function offlineModalEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("MODAL_")) env[key] = value;
  return {
    ...env,
    HOME: home,
    MODAL_CONFIG_PATH: emptyModalConfig,
    MODAL_SERVER_URL: `http://127.0.0.1:${closedPort}`,
    ...extra,
  };
}

/** Processes whose command line mentions `text` (the staged app file): none may outlive a test. */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      if (cmdline.includes(text) && Number(pid) !== process.pid) found.push(`${pid}: ${cmdline}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

beforeAll(async () => {
  writeFileSync(emptyModalConfig, "");
  // A port nothing listens on: the OS handed it out and it was closed again.
  closedPort = await freePort();
  mlflow = new MlflowClient({ trackingUri: inject("mlflowUrl"), auth: null });
  model = await registerSklearnModel(inject("mlflowUrl"), unique("iris-modal"));
  // The version's files as the engine downloads them, then staged as the target stages them.
  const downloaded = path.join(tmp, "downloaded");
  const location = await locateModelVersion(mlflow, { name: model.name, version: model.version });
  await downloadModelVersion(mlflow, location, downloaded);
  staged = await stageModalApp({
    workDir: path.join(tmp, "d-0123456789ab"),
    modelDir: downloaded,
    appName: defaultModalAppName(model.name, model.version, "d-0123456789ab"),
    config: ModalConfig.parse({ cpu: 2, memoryMb: 4096, gpu: "T4", startupTimeoutSeconds: 120 }),
  });
}, 180_000);

afterAll(async () => {
  await Promise.allSettled(servers.map((s) => s.stop()));
  rmSync(tmp, { recursive: true, force: true });
});

describe("the generated Modal app", () => {
  it("compiles and imports with the real modal 1.6 package, offline, defining the expected app and function", async () => {
    await run(venvBin("python"), ["-m", "py_compile", staged.appFile], {
      env: { ...offlineModalEnv(), PYTHONPYCACHEPREFIX: path.join(tmp, "pycache") },
    });

    const { stdout } = await run(
      venvBin("python"),
      [path.join(repoRoot, "tests/support/python/inspect_modal_app.py"), staged.appFile],
      { env: offlineModalEnv(), cwd: staged.dir },
    );
    const app = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
    expect(app).toMatchObject({
      modal_version: expect.stringMatching(/^1\.6\./),
      is_app: true,
      app_name: staged.spec.app_name,
      functions: [MODAL_FUNCTION_NAME],
      web_endpoints: [MODAL_FUNCTION_NAME],
      webhook: {
        type: "WEBHOOK_TYPE_WEB_SERVER",
        web_server_port: MODAL_SERVING_PORT,
        web_server_startup_timeout: 120,
        requested_suffix: staged.spec.label,
        requires_proxy_auth: false,
      },
      function: { cpu: 2, memory_mib: 4096, gpus: [["T4", 1]], timeout: staged.spec.function_timeout_seconds },
      image_is_image: true,
      // Importing needed no token and no network: nothing even tried to connect or resolve a name.
      network_attempts: [],
    });
    expect(staged.spec.app_name).toBe(defaultModalAppName(model.name, model.version, "d-0123456789ab"));
    expect(staged.spec.mlflow_version).toMatch(/^3\.18\./);
    expect(staged.spec.requirements.join(" ")).toMatch(/scikit-learn==/);
  });

  it("its serving command, run locally on the staged model, answers /ping and /invocations with the model's predictions", async () => {
    const port = await freePort();
    const { stdout } = await run(
      venvBin("python"),
      [
        path.join(repoRoot, "tests/support/python/inspect_modal_app.py"),
        staged.appFile,
        staged.modelDir,
        "127.0.0.1",
        String(port),
      ],
      { env: offlineModalEnv(), cwd: staged.dir },
    );
    const argv = (JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { serve_argv: string[] }).serve_argv;
    expect(argv).toEqual([
      "mlflow",
      "models",
      "serve",
      "-m",
      staged.modelDir,
      "--env-manager",
      "local",
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
    ]);

    // The template's argv as is: `mlflow` is the one on PATH, which in the image is the pinned MLflow.
    const [command, ...args] = argv as [string, ...string[]];
    const server = spawnManaged("modal-template-serve", command, args, {
      env: {
        ...process.env,
        PATH: `${path.dirname(venvBin("mlflow"))}${path.delimiter}${process.env.PATH ?? ""}`,
        MLFLOW_DISABLE_TELEMETRY: "true",
      },
    });
    servers.push(server);
    await waitForHttp(`http://127.0.0.1:${port}/ping`, server, 90_000);

    // The model's own input example, as MLflow saved it beside the model.
    const example = readFileSync(path.join(staged.modelDir, "serving_input_example.json"), "utf8");
    const res = await fetch(`http://127.0.0.1:${port}/invocations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: example,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ predictions: model.predictions });
    await server.stop();
  });
});

describe("the built package", () => {
  it("loads the Modal target on first use (mltrack-sdk/deploy, ESM chunk), the template inside it", async () => {
    const { defaultTarget } = await import("mltrack-sdk/deploy");
    const target = await defaultTarget("modal");
    expect(target.name).toBe("modal");
    expect(typeof target.preflight).toBe("function");
    // The template is a string constant, so it ships inside the target's chunks (ESM and CJS), not beside them.
    const dist = path.join(repoRoot, "mltrack-sdk", "dist");
    const chunks = readdirSync(dist).filter((f) => /^modal-[\w-]+\.c?js$/.test(f));
    expect(chunks.map((f) => path.extname(f)).sort()).toEqual([".cjs", ".js"]);
    for (const chunk of chunks)
      expect(readFileSync(path.join(dist, chunk), "utf8")).toContain("@modal.web_server(port=PORT");
  });
});

describe("modal deploy without Modal", () => {
  const engineWith = (env: NodeJS.ProcessEnv) =>
    new DeployEngine({
      mlflow,
      workDir,
      warn: () => undefined,
      targets: { modal: createModalTarget({ env, modalCommand: venvBin("modal") }) },
    });

  it("is refused up front without MODAL_TOKEN_ID/MODAL_TOKEN_SECRET: no record, no files, no process", async () => {
    const before = (await mlflow.registeredModels.get({ name: model.name })).tags;
    const err = await engineWith(offlineModalEnv())
      .deploy({ target: "modal", modelName: model.name, modelVersion: model.version })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployError);
    expect(err).toMatchObject({ code: "UNAUTHENTICATED" });
    expect((err as DeployError).hint).toMatch(/MODAL_TOKEN_ID and MODAL_TOKEN_SECRET/);
    expect((await mlflow.registeredModels.get({ name: model.name })).tags).toEqual(before);
    expect(existsSync(workDir) ? readdirSync(workDir) : []).toEqual([]);
  });

  it("the real CLI refuses too when run without a token (exit code non-zero, its message classified)", async () => {
    const result = await runModalCli(venvBin("modal"), ["deploy", staged.appFile], {
      env: offlineModalEnv(),
      cwd: staged.dir,
      timeoutMs: 120_000,
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.exitCode).not.toBeNull();
    const message = cliErrorMessage(result.lines);
    expect(message.length).toBeGreaterThan(0);
    expect(message).not.toMatch(BOX);
    expect(classifyModalFailure(message).code).toBe("UNAUTHENTICATED");
  });

  it("a failing `modal deploy` (dummy token, Modal unreachable) fails the deployment with the CLI's message and a hint, leaving nothing behind", async () => {
    const e = engineWith(offlineModalEnv({ MODAL_TOKEN_ID: DUMMY_ID, MODAL_TOKEN_SECRET: DUMMY_SECRET }));
    const d = await e.deploy({ target: "modal", modelName: model.name, modelVersion: model.version }, { wait: true });
    expect(d.status).toBe("failed");
    expect(d.endpointUrl).toBeNull();
    expect(d.events.map((ev) => ev.status)).toEqual(expect.arrayContaining(["pending", "building", "failed"]));
    expect(d.events.some((ev) => ev.status === "starting" || ev.status === "ready")).toBe(false);
    expect(d.lastError?.message.trim().length).toBeGreaterThan(0);
    expect(d.lastError?.message).not.toMatch(BOX);
    expect(d.lastError?.hint?.length).toBeGreaterThan(0);
    expect(d.runtime).toMatchObject({
      appName: defaultModalAppName(model.name, model.version, d.id),
      appState: "not-created",
    });

    // It really ran `modal deploy` on the staged app, and its output is the deployment's log.
    const appFile = path.join(workDir, d.id, "modal", "app.py");
    expect(existsSync(appFile)).toBe(true);
    const log = (await e.logs(d.id)).join("\n");
    expect(log).toContain(`$ modal deploy ${appFile}`);
    expect(log).toContain(d.lastError?.message.split("\n")[0] ?? "<none>");
    // Modal created nothing, so no `modal app stop` was run; no CLI process is left.
    expect(log).not.toContain("$ modal app stop");
    expect(processesMentioning(appFile)).toEqual([]);
    // The tokens are in neither the record (MLflow tag) nor the log.
    const stored = JSON.stringify((await mlflow.registeredModels.get({ name: model.name })).tags);
    for (const secret of [DUMMY_ID, DUMMY_SECRET]) {
      expect(stored).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
  }, 300_000);

  it("a failing `modal app stop` is an error with the CLI's message, not a silent success", async () => {
    const target = createModalTarget({
      env: offlineModalEnv({ MODAL_TOKEN_ID: DUMMY_ID, MODAL_TOKEN_SECRET: DUMMY_SECRET }),
      modalCommand: venvBin("modal"),
    });
    const id = "d-00000000abcd";
    const record = {
      id,
      runtime: {
        appName: "mltrack-never-deployed-1",
        appState: "deployed",
        environment: null,
        logFile: path.join(tmp, id, "modal-deploy.log"),
      },
    } as unknown as Deployment;
    const updates: unknown[] = [];
    const err = await target
      .stop(record, {
        workDir: path.join(tmp, id),
        signal: new AbortController().signal,
        modelDir: () => Promise.reject(new Error("not needed")),
        update: (change) => {
          updates.push(change);
          return Promise.resolve();
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployError);
    expect((err as DeployError).message).toMatch(/^modal app stop mltrack-never-deployed-1 failed: \S/);
    expect((err as DeployError).hint).toContain("modal app stop mltrack-never-deployed-1");
    expect(updates).toEqual([]);
  }, 300_000);
});
