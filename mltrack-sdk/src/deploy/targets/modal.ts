/**
 * The Modal target: stages the fixed app template with the model (modal-stage.ts), runs
 * `modal deploy` from the project's .venv with the server's MODAL_TOKEN_ID/MODAL_TOKEN_SECRET, reads
 * the web URL it prints and waits for MLflow's `/ping` there; `modal app stop` removes it.
 * Tokens come only from the server's environment, never from a request, and never reach the record.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import path from "node:path";
import { DeployError } from "../errors";
import { LOG_LINES, readLogTail } from "../log-tail";
import { resolvePythonTool } from "../python-bin";
import { invokeScoringServer, waitForPing } from "../scoring";
import { ModalAppName, type DeployTarget, type Deployment, type ModalConfig, type TargetContext } from "../types";
import { InvalidAppNameError, resolveModalAppName } from "./modal-app";
import {
  TOKEN_HINT,
  appPageUrl,
  classifyModalFailure,
  cliErrorMessage,
  isAppAlreadyGone,
  modalRunUrls,
  pickDeployUrl,
  runModalCli,
  type ModalCliResult,
} from "./modal-cli";
import { stageModalApp } from "./modal-stage";

export interface ModalTargetOptions {
  /** The `modal` executable; default resolvePythonTool("modal"). */
  modalCommand?: string;
  /** The server's environment: the token pair and MODAL_* settings; default this process's. */
  env?: NodeJS.ProcessEnv;
}

/**
 * What a Modal deployment's record keeps in `runtime`. `appState` says whether `modal deploy` may have
 * created the app (`deploying`, `deployed`) or surely did not (`not-created`), so stop knows whether
 * there is anything to stop.
 */
export interface ModalRuntime {
  appName: string;
  environment: string | null;
  appState: "deploying" | "deployed" | "not-created" | "stopped";
  logFile: string;
  /** The app's page on modal.com (logs, containers), once `modal deploy` printed it. */
  appPageUrl?: string;
}

const DEPLOY_TIMEOUT_MS = 30 * 60_000;
const STOP_TIMEOUT_MS = 2 * 60_000;
/** Beyond the app's own startup timeout: a cold start also pulls the image and boots a container. */
const PING_MARGIN_MS = 3 * 60_000;
const PROBE_TIMEOUT_MS = 15_000;
const LOG_FILE = "modal-deploy.log";

const isOwnLogFile = (file: string, deploymentId: string) =>
  path.isAbsolute(file) &&
  path.normalize(file) === file &&
  path.basename(file) === LOG_FILE &&
  path.basename(path.dirname(file)) === deploymentId;

export function createModalTarget(options: ModalTargetOptions = {}): DeployTarget<"modal"> {
  const env = options.env ?? process.env;
  const command = () => options.modalCommand ?? resolvePythonTool("modal", { env });

  /** The token pair from the server's environment; DeployError UNAUTHENTICATED naming what is missing. */
  const tokens = (): [string, string] => {
    const id = env.MODAL_TOKEN_ID?.trim();
    const secret = env.MODAL_TOKEN_SECRET?.trim();
    if (id && secret) return [id, secret];
    const missing = [!id && "MODAL_TOKEN_ID", !secret && "MODAL_TOKEN_SECRET"].filter(Boolean);
    const what = `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set`;
    throw new DeployError("UNAUTHENTICATED", `Modal is not configured on this server: ${what}.`, {
      hint: TOKEN_HINT,
    });
  };

  /** The server's environment for the CLI, with the deployment's Modal environment and plain output. */
  const cliEnv = (environment: string | null): NodeJS.ProcessEnv => ({
    ...env,
    ...(environment ? { MODAL_ENVIRONMENT: environment } : {}),
    // Wide enough that rich never folds a URL across lines; no colours, no interactive prompts.
    COLUMNS: "400",
    NO_COLOR: "1",
    TERM: "dumb",
    PYTHONUNBUFFERED: "1",
    PYTHONIOENCODING: "utf-8",
  });

  const run = async (
    args: string[],
    environment: string | null,
    logFile: string,
    extra: { signal?: AbortSignal; timeoutMs: number; onLine?: (line: string) => void; cwd?: string },
  ) => {
    const secrets = tokens();
    await mkdir(path.dirname(logFile), { recursive: true });
    const log = createWriteStream(logFile, { flags: "a" });
    log.write(`$ modal ${args.join(" ")}\n`);
    try {
      return await runModalCli(command(), args, {
        env: cliEnv(environment),
        secrets,
        timeoutMs: extra.timeoutMs,
        ...(extra.signal ? { signal: extra.signal } : {}),
        ...(extra.cwd ? { cwd: extra.cwd } : {}),
        onLine: (line) => {
          log.write(`${line}\n`);
          extra.onLine?.(line);
        },
      });
    } finally {
      await closeLog(log);
    }
  };

  return {
    name: "modal",

    async preflight(deployment, config) {
      tokens();
      appNameOf(deployment, config);
      const bin = command();
      if (path.isAbsolute(bin)) {
        try {
          await access(bin);
        } catch {
          throw new DeployError("INTERNAL_ERROR", `The Modal CLI is not at ${bin}.`, {
            hint: 'Install it into the project\'s .venv (pip install "modal==1.6.*"), or point MLTRACK_VENV at a virtualenv that has it.',
          });
        }
      }
    },

    async start(deployment, config, ctx) {
      tokens();
      const appName = appNameOf(deployment, config);
      const environment = config.environment ?? (env.MODAL_ENVIRONMENT?.trim() || null);
      const logFile = path.join(path.resolve(ctx.workDir), LOG_FILE);
      const runtime = (appState: ModalRuntime["appState"]): ModalRuntime => ({
        appName,
        environment,
        appState,
        logFile,
      });

      await ctx.update({
        status: "building",
        message: `Downloading models:/${deployment.modelName}/${deployment.modelVersion}`,
      });
      const staged = await stageModalApp({ workDir: ctx.workDir, modelDir: await ctx.modelDir(), appName, config });
      const { spec } = staged;
      await ctx.update({
        message:
          `Staged ${staged.appFile}: app ${appName}, mlflow==${spec.mlflow_version} and ${spec.requirements.length} requirements` +
          ` on Python ${spec.python_version ?? "(the deploying Python's)"}; running modal deploy${environment ? ` in environment ${environment}` : ""}`,
        runtime: { ...runtime("deploying") },
      });

      const urls: string[] = [];
      let pageUrl: string | undefined;
      const result = await run(["deploy", staged.appFile], environment, logFile, {
        signal: ctx.signal,
        timeoutMs: DEPLOY_TIMEOUT_MS,
        cwd: staged.dir,
        onLine: (line) => {
          urls.push(...modalRunUrls(line));
          pageUrl = appPageUrl(line) ?? pageUrl;
        },
      });
      if (result.exitCode !== 0) {
        const failure = deployFailure(result);
        if (failure.createdNothing) {
          await ctx.update({ message: "modal deploy created nothing", runtime: { ...runtime("not-created") } });
        }
        throw failure.error;
      }
      const url = pickDeployUrl(urls, spec.label);
      if (!url) {
        throw new DeployError(
          "INTERNAL_ERROR",
          `modal deploy finished but printed no https://…modal.run URL for the web function (label ${spec.label}).`,
          {
            hint: `Look the URL up with \`modal app list\` / the app's page on modal.com; the deploy output is in the log.`,
          },
        );
      }
      await ctx.update({
        status: "starting",
        message: `modal deploy finished: ${appName} at ${url}; waiting for ${url}/ping (the first request starts a container)`,
        endpointUrl: url,
        runtime: { ...runtime("deployed"), ...(pageUrl ? { appPageUrl: pageUrl } : {}) },
      });
      try {
        await waitForPing(url, {
          timeoutMs: config.startupTimeoutSeconds * 1000 + PING_MARGIN_MS,
          signal: ctx.signal,
          intervalMs: 2_000,
        });
      } catch (err) {
        if (!(err instanceof DeployError)) throw err;
        throw new DeployError(err.code, err.message, {
          hint: `The container did not serve the model in time: \`modal app logs ${appName}\` shows why (a missing library, too little memory); raise the startup timeout for a large model.`,
          cause: err,
        });
      }
      await ctx.update({ status: "ready", message: `Ready: ${url}/ping answers`, endpointUrl: url });
    },

    async stop(deployment, ctx: TargetContext) {
      const runtime = modalRuntime(deployment);
      if (!runtime || runtime.appState === "not-created" || runtime.appState === "stopped") return;
      const result = await run(["app", "stop", "--yes", runtime.appName], runtime.environment, runtime.logFile, {
        signal: ctx.signal,
        timeoutMs: STOP_TIMEOUT_MS,
      });
      const message = cliErrorMessage(result.lines);
      if (result.exitCode !== 0 && !isAppAlreadyGone(message)) {
        const failure = classifyModalFailure(message);
        throw new DeployError(
          failure.code,
          `modal app stop ${runtime.appName} failed: ${message || exitText(result)}`,
          {
            hint: `${failure.hint} Until it is stopped, stop it by hand: modal app stop ${runtime.appName}`,
          },
        );
      }
      await ctx.update({
        message:
          result.exitCode === 0
            ? `modal app stop ${runtime.appName}`
            : `${runtime.appName} was already gone: ${message}`,
        runtime: { appState: "stopped" },
      });
    },

    async probe(deployment) {
      const url = deployment.endpointUrl;
      const runtime = modalRuntime(deployment);
      if (!url || !runtime || runtime.appState !== "deployed") return "gone";
      // A scaled-to-zero app answers once a container has started, so an unanswered ping proves
      // nothing: only Modal's own 404 for the URL (the app stopped or never there) counts as gone.
      let res: Response;
      try {
        res = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        await res.body?.cancel();
      } catch (err) {
        throw new DeployError("INTERNAL_ERROR", `Cannot tell whether ${url} is up: ${(err as Error).message}`, {
          cause: err,
        });
      }
      if (res.status === 200) return "ready";
      if (res.status === 404) return "gone";
      throw new DeployError("INTERNAL_ERROR", `Cannot tell whether ${url} is up: /ping answered ${res.status}.`);
    },

    invoke(deployment, request) {
      if (!deployment.endpointUrl) {
        throw new DeployError("RESOURCE_CONFLICT", `Deployment ${deployment.id} has no Modal URL.`);
      }
      return invokeScoringServer(deployment.endpointUrl, request);
    },

    async logs(deployment) {
      const runtime = modalRuntime(deployment);
      if (!runtime) return [];
      return readLogTail(runtime.logFile, LOG_LINES, Boolean);
    },
  };
}

function appNameOf(deployment: Deployment, config: ModalConfig): string {
  try {
    return resolveModalAppName(deployment.modelName, deployment.modelVersion, deployment.id, config.appName);
  } catch (err) {
    if (!(err instanceof InvalidAppNameError)) throw err;
    throw new DeployError("INVALID_PARAMETER_VALUE", err.message, { fields: { "config.appName": err.reason } });
  }
}

function deployFailure(result: ModalCliResult): { error: DeployError; createdNothing: boolean } {
  if (result.timedOut) {
    return {
      error: new DeployError(
        "INTERNAL_ERROR",
        `modal deploy did not finish within ${DEPLOY_TIMEOUT_MS / 60_000} minutes.`,
        {
          hint: "The image build may be stuck: read the log, and the app's build logs on modal.com.",
        },
      ),
      createdNothing: false,
    };
  }
  const message = cliErrorMessage(result.lines) || `modal deploy ${exitText(result)} and printed nothing.`;
  const failure = classifyModalFailure(message);
  return {
    error: new DeployError(failure.code, message, { hint: failure.hint }),
    createdNothing: failure.createdNothing,
  };
}

const exitText = (result: ModalCliResult) =>
  result.exitCode === null ? `ended by ${result.signal ?? "a signal"}` : `exited with code ${result.exitCode}`;

/** The record's runtime, each field checked (it is read back from MLflow, where anyone may edit tags). */
export function modalRuntime(deployment: Deployment): ModalRuntime | undefined {
  const r = deployment.runtime as Partial<Record<keyof ModalRuntime, unknown>>;
  if (typeof r.appName !== "string" || !ModalAppName.safeParse(r.appName).success) return undefined;
  // The log is read back and appended to: only `<deployments dir>/<this id>/modal-deploy.log` is accepted.
  if (typeof r.logFile !== "string" || !isOwnLogFile(r.logFile, deployment.id)) return undefined;
  const environment =
    typeof r.environment === "string" && /^[a-zA-Z0-9_-]{1,64}$/.test(r.environment) ? r.environment : null;
  const states: readonly ModalRuntime["appState"][] = ["deploying", "deployed", "not-created", "stopped"];
  const appState = states.find((s) => s === r.appState) ?? "deploying";
  return { appName: r.appName, environment, appState, logFile: r.logFile };
}

function closeLog(log: WriteStream): Promise<void> {
  return new Promise((resolve) => log.end(resolve));
}
