/**
 * One tracker per MLflow server (and pipeline): it resolves experiment names (created when missing,
 * cached), creates runs without ever making two for one call, uploads artifacts, and knows every
 * request still in flight so that `flush()` can wait for them.
 */
import { MlflowClient } from "../mlflow/client";
import {
  MlflowConflictError,
  MlflowConnectionError,
  MlflowRateLimitError,
  MlflowResponseError,
  MlflowServerError,
  MlflowTimeoutError,
} from "../mlflow/errors";
import { experimentIdByName, findRunByClientRunId } from "../mlflow/find-or-create";
import { MLTRACK_TAGS } from "../mlflow/tags";
import type { Run } from "../mlflow/types";
import type { ExperimentRef, LogPipeline } from "../pipeline/types";
import type { ArtifactPayload } from "./artifacts";
import { defaultPipeline } from "./default-pipeline";
import { reportProblem } from "./warn";

/** Where runs go: the server (a URI, or a client you built) and the pipeline delivering log calls. */
export interface TrackingTarget {
  /** The MLflow server (or MLTrack gateway). Default: `MLFLOW_TRACKING_URI`. */
  trackingUri?: string;
  /** A client of your own (credentials, custom fetch); its server is used. */
  client?: MlflowClient;
  /** The pipeline that delivers metrics, params, tags and run ends. Default: the shared one for the server. */
  pipeline?: LogPipeline;
}

/** Waits between attempts at creating a run (and at an artifact upload) while MLflow cannot be reached. */
let retryDelaysMs: readonly number[] = [500, 1000, 2000, 4000];

export function setRetryDelays(delays: readonly number[]): void {
  retryDelaysMs = delays;
}

/** Experiment id `0`, which every MLflow server has: where runs go when no experiment is named. */
const DEFAULT_EXPERIMENT_ID = "0";

export class Tracker {
  private readonly experiments = new Map<string, Promise<string>>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    readonly client: MlflowClient,
    readonly pipeline: LogPipeline,
  ) {}

  /** Keeps `work` in the set `flush()` waits for; it must never reject. */
  watch<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const done = () => void this.pending.delete(work);
    work.then(done, done);
    return work;
  }

  /** Resolves when every run creation, artifact upload and queued log call so far is delivered (or spooled). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    await this.pipeline.flush();
  }

  /**
   * Where a run goes for experiment option `name`: that name; without one `MLFLOW_EXPERIMENT_ID`, else
   * `MLFLOW_EXPERIMENT_NAME`, else MLflow's Default experiment. Resolved without asking MLflow, so a
   * run started while MLflow is unreachable still knows where it belongs.
   */
  experimentRef(name: string | undefined): ExperimentRef {
    if (name !== undefined) return { name };
    const env = process.env;
    if (env.MLFLOW_EXPERIMENT_ID) return { id: env.MLFLOW_EXPERIMENT_ID };
    if (env.MLFLOW_EXPERIMENT_NAME) return { name: env.MLFLOW_EXPERIMENT_NAME };
    return { id: DEFAULT_EXPERIMENT_ID };
  }

  /**
   * The id of the experiment `ref` names, created when missing. Answers are cached per name; a failed
   * lookup is not, so the next run tries again.
   */
  experimentId(ref: ExperimentRef): Promise<string> {
    if ("id" in ref) return Promise.resolve(ref.id);
    const key = ref.name;
    let id = this.experiments.get(key);
    if (!id) {
      id = experimentIdByName(this.client, key);
      this.experiments.set(key, id);
      id.catch(() => this.experiments.delete(key));
    }
    return id;
  }

  /**
   * `runs/create`, retried while MLflow is unreachable. A retried POST can make a second run when the
   * first attempt did reach MLflow (mlflow#8238), so every run carries the id this client chose
   * (`mltrack.client_run_id`), and before each retry the run is looked up by it.
   */
  async createRun(input: {
    experimentId: string;
    runName?: string;
    startTime: number;
    tags: Record<string, string>;
    clientRunId: string;
  }): Promise<Run> {
    const tags = { ...input.tags, [MLTRACK_TAGS.clientRunId]: input.clientRunId };
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.client.runs.create({
          experimentId: input.experimentId,
          startTime: input.startTime,
          tags,
          ...(input.runName ? { runName: input.runName } : {}),
        });
      } catch (err) {
        const delay = retryDelaysMs[attempt];
        if (!isTransient(err) || delay === undefined) throw err;
        await sleep(delay);
        const made = await findRunByClientRunId(this.client, input.experimentId, input.clientRunId).catch(
          () => undefined,
        );
        if (made) return made;
      }
    }
  }

  /**
   * Uploads an artifact of run `run` through MLflow's artifact proxy, retrying transient failures.
   * If MLflow stays unreachable past the retries, the artifact goes to the pipeline's spool (when the
   * pipeline can keep artifacts) and is uploaded when MLflow answers. Never rejects.
   */
  upload(run: { runId: string; artifactUri: string }, artifact: ArtifactPayload): Promise<void> {
    const { artifactUri } = run;
    const work = (async () => {
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            const body = await artifact.body();
            await this.client.uploadArtifact({
              artifactUri,
              path: artifact.path,
              body,
              contentType: artifact.contentType,
            });
            return;
          } catch (err) {
            const delay = retryDelaysMs[attempt];
            if (!isTransient(err) || delay === undefined) throw err;
            await sleep(delay);
          }
        }
      } catch (err) {
        if (!(isTransient(err) && this.keepForLater(run.runId, artifact, err))) {
          reportProblem(`Could not upload artifact ${JSON.stringify(artifact.path)}`, err);
        }
      } finally {
        try {
          artifact.release();
        } catch {
          // A staging copy left behind is harmless.
        }
      }
    })();
    return this.watch(work);
  }

  /** Hands an artifact MLflow cannot take now to the pipeline's spool; false when it cannot keep it. */
  private keepForLater(runId: string, artifact: ArtifactPayload, err: unknown): boolean {
    const { pipeline } = this;
    if (!pipeline.logArtifact) return false;
    try {
      pipeline.logArtifact(runId, {
        path: artifact.path,
        contentType: artifact.contentType,
        source: artifact.source(),
      });
    } catch {
      return false;
    }
    reportProblem(
      `Artifact ${JSON.stringify(artifact.path)} could not be uploaded now; it is kept in the spool and uploaded when MLflow answers`,
      err,
    );
    return true;
  }
}

/** Failures that may pass: the server unreachable, slow, overloaded or restarting. */
export function isTransient(err: unknown): boolean {
  return (
    err instanceof MlflowConnectionError ||
    err instanceof MlflowTimeoutError ||
    err instanceof MlflowServerError ||
    err instanceof MlflowRateLimitError ||
    err instanceof MlflowConflictError ||
    err instanceof MlflowResponseError
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const trackers = new Map<string, Tracker>();
const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

function idOf(obj: object): number {
  let id = objectIds.get(obj);
  if (id === undefined) {
    id = nextObjectId++;
    objectIds.set(obj, id);
  }
  return id;
}

/** The tracker for a target, made on first use. Throws `MltrackConfigError` when no server is configured. */
export function trackerFor(target: TrackingTarget): Tracker {
  const server = target.client
    ? `client#${idOf(target.client)}`
    : (target.trackingUri ?? process.env.MLFLOW_TRACKING_URI);
  const key = `${server}|${target.pipeline ? `pipeline#${idOf(target.pipeline)}` : "shared"}`;
  let tracker = trackers.get(key);
  if (!tracker) {
    const client = target.client ?? new MlflowClient(target.trackingUri ? { trackingUri: target.trackingUri } : {});
    const pipeline = target.pipeline ?? defaultPipeline(client, target.trackingUri, target.client !== undefined);
    tracker = new Tracker(client, pipeline);
    trackers.set(key, tracker);
  }
  return tracker;
}

/** Every tracker made so far. */
export function allTrackers(): Tracker[] {
  return [...trackers.values()];
}

/** For tests: forget trackers (their pipelines are not shut down). */
export function clearTrackers(): void {
  trackers.clear();
}
