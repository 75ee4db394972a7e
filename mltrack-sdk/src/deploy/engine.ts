/**
 * The deploy engine behind the UI's Deploy button, `mltrack deploy` and `deploy()`: validates a
 * request, checks the version is a model, keeps the record in MLflow (store.ts), runs the target's
 * rollout in the background with every step persisted, and makes the same request twice one deployment.
 */
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MlflowClient } from "../mlflow/client";
import { DeployError } from "./errors";
import { appendEvent, parseDeployRequest, toDeploymentError } from "./events";
import { assertHasMlmodel, downloadModelVersion, locateModelVersion, type ModelLocation } from "./model-files";
import { requestKey } from "./request-key";
import { DeploymentStore, type Warn } from "./store";
import { defaultTarget } from "./targets/index";
import {
  isFinal,
  type CanaryRequest,
  type DeployRequest,
  type DeployRequestInput,
  type DeployTarget,
  type Deployment,
  type DeploymentError,
  type DeploymentStatus,
  type InvokeRequest,
  type InvokeResponse,
  type TargetConfig,
  type TargetContext,
  type TargetName,
} from "./types";

export interface DeployEngineOptions {
  mlflow: MlflowClient;
  /** Targets to use instead of the built-in ones (loaded on first use: the AWS SDK only for SageMaker). */
  targets?: Partial<Record<TargetName, DeployTarget>>;
  /** Where deployments keep their files (`<workDir>/<id>/`); default MLTRACK_DEPLOY_DIR or ~/.mltrack/deployments. */
  workDir?: string;
  now?: () => number;
  /** Where skipped records and failed clean-ups are reported; default console.warn. */
  warn?: Warn;
}

export interface DeployOptions {
  /** Who asked (the UI's session user, the CLI's OS user); default the OS user. */
  requestedBy?: string;
  /** Resolve once the rollout has finished (ready or failed) instead of once the record exists. */
  wait?: boolean;
}

interface RecordChange {
  status?: DeploymentStatus;
  message: string;
  endpointUrl?: string | null;
  runtime?: Record<string, unknown>;
  lastError?: DeploymentError | null;
}

/** Statuses a redeploy or a double click must not join: the deployment is going away. */
const JOINABLE = (status: DeploymentStatus) => !isFinal(status) && status !== "stopping";
const INVOKE_CACHE_MS = 2_000;

export function defaultWorkDir(env: Record<string, string | undefined> = process.env): string {
  return env.MLTRACK_DEPLOY_DIR?.trim() || path.join(os.homedir(), ".mltrack", "deployments");
}

export class DeployEngine {
  private readonly mlflow: MlflowClient;
  private readonly store: DeploymentStore;
  private readonly targets: Partial<Record<TargetName, DeployTarget>>;
  private readonly workDir: string;
  private readonly now: () => number;
  private readonly warn: Warn;
  /** requestKey -> a deploy() call creating its record (two concurrent calls make one deployment). */
  private readonly creating = new Map<string, Promise<Deployment>>();
  /** id -> the rollout or undeploy this process runs on it. */
  private readonly work = new Map<string, Promise<unknown>>();
  /** id -> a redeploy waiting to stop it once its successor is ready. */
  private readonly handovers = new Map<string, Promise<unknown>>();
  /** id -> the rollout's abort controller (undeploy while starting). */
  private readonly controllers = new Map<string, AbortController>();
  /** id -> the latest record, while this process works on it; updates are serialized per id. */
  private readonly records = new Map<string, Deployment>();
  private readonly writes = new Map<string, Promise<unknown>>();
  private readonly invokeCache = new Map<string, { record: Deployment; expires: number }>();

  constructor(options: DeployEngineOptions) {
    this.mlflow = options.mlflow;
    this.warn = options.warn ?? ((message) => console.warn(`mltrack deploy: ${message}`));
    this.store = new DeploymentStore(options.mlflow, this.warn);
    this.targets = { ...options.targets };
    this.workDir = path.resolve(options.workDir ?? defaultWorkDir());
    this.now = options.now ?? Date.now;
  }

  /**
   * Validates the request, checks the version exists and has an MLmodel, runs the target's preflight
   * (all before any record exists), then creates the record (`pending`) and starts the rollout.
   */
  async deploy(input: DeployRequestInput, opts: DeployOptions = {}): Promise<Deployment> {
    const request = parseDeployRequest(input);
    const target = await this.target(request.target);
    const key = requestKey(request);
    let creating = this.creating.get(key);
    if (!creating) {
      creating = this.create(request, key, target, opts.requestedBy ?? osUser()).finally(() =>
        this.creating.delete(key),
      );
      this.creating.set(key, creating);
    }
    const deployment = await creating;
    return opts.wait ? this.settleWork(deployment.id) : deployment;
  }

  /** Every deployment (or one registered model's), newest first. */
  list(filter: { modelName?: string } = {}): Promise<Deployment[]> {
    return this.store.list(filter);
  }

  /** DeployError RESOURCE_DOES_NOT_EXIST when there is none. */
  get(id: string): Promise<Deployment> {
    return this.store.get(id);
  }

  /** Marks it `stopping` (persisted before this resolves), stops what the target started, then `stopped`. */
  async undeploy(id: string, opts: { wait?: boolean } = {}): Promise<Deployment> {
    const current = await this.current(id);
    if (isFinal(current.status)) return current;
    if (current.status === "stopping" && this.work.has(id)) return opts.wait ? this.settleWork(id) : current;
    // Abort first, so a rollout still running records no status after `stopping`.
    this.controllers.get(id)?.abort(new DeployError("RESOURCE_CONFLICT", "Undeployed before it was ready."));
    const rollout = this.work.get(id);
    const stopping = await this.update(id, { status: "stopping", message: "Undeploy requested" });
    const run = (async () => {
      await rollout?.catch(() => undefined);
      const target = await this.target(current.target);
      const record = await this.current(id);
      try {
        await target.stop(record, this.context(record, new AbortController().signal));
        await this.update(id, { status: "stopped", message: "Stopped" });
        await rm(path.join(this.workDir, id, "model"), { recursive: true, force: true });
      } catch (err) {
        await this.update(id, {
          status: "failed",
          message: `Stopping failed: ${toDeploymentError(err).message}`,
          lastError: toDeploymentError(err),
        });
      }
    })();
    this.track(id, run);
    // Not settle(): a redeploy's hand-over waits on this undeploy, so waiting on it here would never end.
    if (opts.wait) return this.settleWork(id);
    return stopping;
  }

  /** A new deployment of `modelVersion` with the same target and config; this one is stopped once it is ready. */
  async redeploy(id: string, modelVersion: string, opts: DeployOptions = {}): Promise<Deployment> {
    const old = await this.get(id);
    const next = await this.deploy(
      { target: old.target, modelName: old.modelName, modelVersion, config: old.config } as DeployRequestInput,
      { ...opts, wait: false },
    );
    if (next.id === id) return opts.wait ? this.settle(id) : next;
    const handover = this.settle(next.id).then(async (successor) => {
      if (successor.status !== "ready") return;
      await this.update(id, { message: `Replaced by ${successor.id} (version ${successor.modelVersion})` });
      await this.undeploy(id, { wait: true });
    });
    const tracked = handover
      .catch((err: unknown) => this.warn(`Could not stop ${id} after its redeploy: ${toDeploymentError(err).message}`))
      .finally(() => {
        if (this.handovers.get(id) === tracked) this.handovers.delete(id);
      });
    this.handovers.set(id, tracked);
    if (!opts.wait) return next;
    await tracked;
    return this.get(next.id);
  }

  /** Shifts traffic between a ready deployment's variants (SageMaker), e.g. `{ "version-1": 0.9, "version-2": 0.1 }`. */
  async setTrafficWeights(id: string, weights: Record<string, number>): Promise<Deployment> {
    return this.change(id, "setTrafficWeights", (target, record, ctx) =>
      target.setTrafficWeights?.(record, weights, ctx),
    );
  }

  /** Puts another version live beside a ready deployment as a canary getting `canary.weight` of the traffic (SageMaker). */
  async addCanary(id: string, canary: CanaryRequest): Promise<Deployment> {
    return this.change(id, "addCanary", (target, record, ctx) => target.addCanary?.(record, canary, ctx));
  }

  private async change(
    id: string,
    method: "setTrafficWeights" | "addCanary",
    apply: (target: DeployTarget, record: Deployment, ctx: TargetContext) => Promise<void> | undefined,
  ): Promise<Deployment> {
    const record = await this.current(id);
    const target = await this.target(record.target);
    if (!target[method]) {
      throw new DeployError(
        "INVALID_PARAMETER_VALUE",
        `The ${record.target} target has no traffic weights or canaries.`,
      );
    }
    if (record.status !== "ready" || this.work.has(id)) {
      throw new DeployError("RESOURCE_CONFLICT", `Deployment ${id} is ${record.status}; it must be ready.`);
    }
    const run = (async () => {
      try {
        await apply(target, record, this.context(record, new AbortController().signal));
      } catch (err) {
        await this.update(id, {
          message: `${method} failed: ${toDeploymentError(err).message}`,
          lastError: toDeploymentError(err),
        });
        throw err;
      }
    })();
    this.track(id, run);
    await run;
    return this.settleWork(id);
  }

  /** Sends a request to a ready deployment's scoring server; DeployError RESOURCE_CONFLICT when it is not ready. */
  async invoke(id: string, request: InvokeRequest): Promise<InvokeResponse> {
    const cached = this.invokeCache.get(id);
    const record = cached && cached.expires > this.now() ? cached.record : await this.get(id);
    if (record.status !== "ready") {
      throw new DeployError("RESOURCE_CONFLICT", `Deployment ${id} is ${record.status}, not ready.`, {
        hint:
          record.status === "failed" || record.status === "stopped"
            ? "Deploy the version again."
            : "Wait until it is ready.",
      });
    }
    this.invokeCache.set(id, { record, expires: this.now() + INVOKE_CACHE_MS });
    const target = await this.target(record.target);
    try {
      return await target.invoke(record, request);
    } catch (err) {
      if (err instanceof DeployError && !request.signal?.aborted) await this.checkAlive(record);
      throw err;
    }
  }

  /** The target's last log lines (at most 200); without target logs, the record's events. */
  async logs(id: string): Promise<string[]> {
    const record = await this.get(id);
    const target = await this.target(record.target);
    if (target.logs) return target.logs(record);
    return record.events.map((e) => `${new Date(e.at).toISOString()} ${e.status} ${e.message}`);
  }

  /** Waits for this process's work on the deployment (rollout, undeploy, redeploy hand-over); then its record. */
  async settle(id: string): Promise<Deployment> {
    for (;;) {
      const pending = this.work.get(id) ?? this.handovers.get(id);
      if (!pending) break;
      await pending.catch(() => undefined);
    }
    return this.get(id);
  }

  private async settleWork(id: string): Promise<Deployment> {
    for (let pending = this.work.get(id); pending; pending = this.work.get(id)) await pending;
    return this.get(id);
  }

  /**
   * At start-up: probes each deployment left `pending` to `stopping` that no process here works on.
   * Alive ones are kept (re-attached); gone ones are cleaned up and marked `failed` (`stopped` when they
   * were stopping), with what was found as lastError. A target that cannot tell (a local server of
   * another host) leaves the record as it is.
   */
  async recover(): Promise<void> {
    for (const record of await this.store.list()) {
      if (isFinal(record.status) || this.work.has(record.id)) continue;
      try {
        await this.checkAlive(record, { reattach: true });
      } catch (err) {
        this.warn(`Could not recover deployment ${record.id}: ${toDeploymentError(err).message}`);
      }
    }
  }

  private async checkAlive(record: Deployment, opts: { reattach?: boolean } = {}): Promise<void> {
    const target = await this.target(record.target);
    let state: "ready" | "gone";
    try {
      state = await target.probe(record);
    } catch (err) {
      this.warn(`Cannot probe deployment ${record.id}: ${toDeploymentError(err).message}`);
      return;
    }
    if (state === "ready") {
      if (opts.reattach && record.status !== "ready" && record.status !== "stopping") {
        await this.update(record.id, { status: "ready", message: "Re-attached: the server answers" });
      }
      return;
    }
    const tail = await (target.logs?.(record) ?? Promise.resolve([])).catch(() => []);
    const where = record.status === "stopping" ? "stopped" : "failed";
    try {
      await target.stop(record, this.context(record, new AbortController().signal));
    } catch (err) {
      this.warn(`Cleaning up deployment ${record.id} failed: ${toDeploymentError(err).message}`);
    }
    const message =
      record.status === "ready"
        ? "The deployment no longer answers: its server is gone."
        : `The process running this deployment's ${record.status === "stopping" ? "undeploy" : "rollout"} ended before it finished.`;
    await this.update(record.id, {
      status: where,
      message,
      ...(where === "failed"
        ? {
            lastError: {
              message: tail.length ? `${message}\n${tail.slice(-30).join("\n")}` : message,
              hint: "Deploy the version again; the log above shows how the server ended.",
            },
          }
        : {}),
    });
  }

  private async create(
    request: DeployRequest,
    key: string,
    target: DeployTarget,
    requestedBy: string,
  ): Promise<Deployment> {
    const existing = (await this.store.list({ modelName: request.modelName })).find(
      (d) => d.requestKey === key && JOINABLE(d.status),
    );
    if (existing) return existing;
    const ref = { name: request.modelName, version: request.modelVersion };
    const location = await assertHasMlmodel(this.mlflow, ref);
    const at = this.now();
    const deployment: Deployment = {
      id: `d-${randomBytes(6).toString("hex")}`,
      target: request.target,
      modelName: request.modelName,
      modelVersion: request.modelVersion,
      config: request.config,
      status: "pending",
      endpointUrl: null,
      createdAt: at,
      updatedAt: at,
      requestedBy,
      lastError: null,
      events: [
        {
          status: "pending",
          at,
          message: `models:/${request.modelName}/${request.modelVersion} to ${request.target}, requested by ${requestedBy}`,
        },
      ],
      requestKey: key,
      runtime: {},
    };
    await target.preflight?.(deployment, request.config as never);
    await this.store.save(deployment);
    this.records.set(deployment.id, deployment);
    this.rollout(deployment, request.config, target, location);
    return deployment;
  }

  private rollout(deployment: Deployment, config: TargetConfig, target: DeployTarget, location: ModelLocation): void {
    const id = deployment.id;
    const controller = new AbortController();
    this.controllers.set(id, controller);
    const ctx = this.context(deployment, controller.signal, location);
    const run = (async () => {
      try {
        await target.start(await this.current(id), config as never, ctx);
        controller.signal.throwIfAborted();
        const after = await this.current(id);
        if (after.status !== "ready") await this.update(id, { status: "ready", message: "Ready" });
      } catch (err) {
        if (controller.signal.aborted) return; // undeploy() stops it
        try {
          await target.stop(await this.current(id), this.context(deployment, new AbortController().signal, location));
        } catch (stopErr) {
          this.warn(`Cleaning up failed deployment ${id}: ${toDeploymentError(stopErr).message}`);
        }
        const lastError = toDeploymentError(err);
        await this.update(id, { status: "failed", message: `Failed: ${lastError.message}`, lastError });
      } finally {
        this.controllers.delete(id);
      }
    })();
    this.track(id, run);
  }

  private context(deployment: Deployment, signal: AbortSignal, known?: ModelLocation): TargetContext {
    const id = deployment.id;
    const workDir = path.join(this.workDir, id);
    let modelDir: Promise<string> | undefined;
    return {
      workDir,
      signal,
      modelDir: () => {
        modelDir ??= (async () => {
          const ref = { name: deployment.modelName, version: deployment.modelVersion };
          const location = known ?? (await locateModelVersion(this.mlflow, ref, signal));
          const dir = path.join(workDir, "model");
          await rm(dir, { recursive: true, force: true });
          const files = await downloadModelVersion(this.mlflow, location, dir, signal);
          await this.update(id, { message: `Downloaded ${files} files from ${location.artifactUri}` });
          return dir;
        })();
        return modelDir;
      },
      modelDirFor: async (modelVersion) => {
        const ref = { name: deployment.modelName, version: modelVersion };
        const location = await assertHasMlmodel(this.mlflow, ref, signal);
        const dir = path.join(workDir, `model-v${modelVersion}`);
        await rm(dir, { recursive: true, force: true });
        const files = await downloadModelVersion(this.mlflow, location, dir, signal);
        await this.update(id, {
          message: `Downloaded ${files} files of version ${modelVersion} from ${location.artifactUri}`,
        });
        return dir;
      },
      update: async (change) => {
        if (signal.aborted) {
          // Resources the target just made must still be recorded, so undeploy can find them.
          if (change.runtime || change.endpointUrl !== undefined) {
            const { status: _ignored, ...rest } = change;
            await this.update(id, rest);
          }
          signal.throwIfAborted();
        }
        await this.update(id, change);
      },
    };
  }

  /** The latest record: this process's copy while it works on it, else MLflow's. */
  private async current(id: string): Promise<Deployment> {
    await this.writes.get(id)?.catch(() => undefined);
    return this.records.get(id) ?? this.store.get(id);
  }

  /** Applies a change and persists it; changes to one deployment are applied one at a time, in order. */
  private update(id: string, change: RecordChange): Promise<Deployment> {
    const previous = this.writes.get(id) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const current = this.records.get(id) ?? (await this.store.get(id));
        const at = Math.max(this.now(), current.updatedAt);
        const status = change.status ?? current.status;
        const updated: Deployment = {
          ...current,
          status,
          updatedAt: at,
          endpointUrl: change.endpointUrl === undefined ? current.endpointUrl : change.endpointUrl,
          runtime: change.runtime ? { ...current.runtime, ...change.runtime } : current.runtime,
          lastError: change.lastError === undefined ? current.lastError : change.lastError,
          events: appendEvent(current.events, { status, at, message: change.message }),
        };
        this.records.set(id, updated);
        this.invokeCache.delete(id);
        await this.store.save(updated);
        return updated;
      });
    this.writes.set(id, next);
    const cleanup = () => {
      if (this.writes.get(id) === next) this.writes.delete(id);
      if (!this.work.has(id) && !this.writes.has(id)) this.records.delete(id);
    };
    next.then(cleanup, cleanup);
    return next;
  }

  private track(id: string, work: Promise<unknown>): void {
    const tracked: Promise<unknown> = work
      .catch((err: unknown) => this.warn(`Deployment ${id}: ${toDeploymentError(err).message}`))
      .finally(() => {
        if (this.work.get(id) !== tracked) return;
        this.work.delete(id);
        if (!this.writes.has(id)) this.records.delete(id);
      });
    this.work.set(id, tracked);
  }

  private async target(name: TargetName): Promise<DeployTarget> {
    const known = this.targets[name];
    if (known) return known;
    const loaded = await defaultTarget(name);
    this.targets[name] = loaded as never;
    return loaded;
  }
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "unknown";
  }
}

/**
 * Deploys a registered model version from code and waits until it is ready (or failed), with an
 * MlflowClient from MLFLOW_TRACKING_URI and the built-in targets.
 */
export async function deploy(
  request: DeployRequestInput,
  opts: DeployOptions & { mlflow?: MlflowClient; workDir?: string } = {},
): Promise<Deployment> {
  const engine = new DeployEngine({
    mlflow: opts.mlflow ?? new MlflowClient(),
    ...(opts.workDir ? { workDir: opts.workDir } : {}),
  });
  return engine.deploy(request, { requestedBy: opts.requestedBy ?? osUser(), wait: opts.wait ?? true });
}
