/**
 * Runs started while MLflow was unreachable ("pending runs"), on the delivery side.
 *
 * Such a run is logged to under a placeholder id (`pending-id.ts`). Before an op of a pending run is
 * sent, the run is resolved: the run is looked up in its experiment by its `mltrack.client_run_id` tag, and
 * created only when absent, so a replay after a crash between the create and the next write never
 * makes a second run (mlflow#8238); the lookup and the create hold a lock in the spool dir, so two
 * replayers of different files of one run on this host never both create it. Resolutions are kept for the rest of the process; another process
 * re-derives them the same way from MLflow (the spool restates a run's creation in every file that
 * holds its data), never from this memory.
 */
import type { MlflowClient } from "../mlflow/client";
import { MltrackConfigError } from "../mlflow/errors";
import { experimentIdByName, findRunByClientRunId } from "../mlflow/find-or-create";
import { MLFLOW_TAGS, MLTRACK_TAGS } from "../mlflow/tags";
import { classifyFailure, type Delivery } from "./deliver";
import { isPendingRunId } from "./pending-id";
import type { PendingRun } from "./types";

/** Specs of runs not yet resolved, kept at most; past it the oldest are forgotten (their spooled lines still hold them). */
export const MAX_UNRESOLVED_RUNS = 10_000;
/** Parent chains deeper than this are not followed. */
const MAX_DEPTH = 64;

export interface ResolvedRun {
  runId: string;
  artifactUri: string;
}

export type Resolution = { kind: "ok"; run: ResolvedRun } | Exclude<Delivery, { kind: "ok" }>;

export class PendingRuns {
  /** Placeholder -> how to create the run, until it is resolved. */
  private readonly specs = new Map<string, PendingRun>();
  /** Placeholder (or real run id, for artifact roots) -> the run in MLflow. */
  private readonly resolved = new Map<string, ResolvedRun>();
  /** Placeholder -> why MLflow refused to create it. */
  private readonly refused = new Map<string, unknown>();
  private readonly experiments = new Map<string, string>();
  /** Placeholder -> a `runs/create` of the run sent outside the pipeline, to settle before the lookup. */
  private readonly attempts = new Map<string, Promise<unknown>>();
  /** Runs this process created (rather than found). */
  created = 0;

  /**
   * `lock(clientRunId)` holds the creation of one run against other replayers on this host (the
   * spool's `lockRunCreation`): its release function, or undefined while someone else holds it.
   */
  constructor(
    private readonly client: MlflowClient,
    private readonly lock: (clientRunId: string) => (() => void) | undefined,
  ) {}

  /** Remembers how to create a pending run (from a log call, or a spool line). */
  register(pendingId: string, run: PendingRun): void {
    if (this.resolved.has(pendingId) || this.refused.has(pendingId) || this.specs.has(pendingId)) return;
    if (this.specs.size >= MAX_UNRESOLVED_RUNS) {
      const oldest = this.specs.keys().next().value;
      if (oldest !== undefined) this.specs.delete(oldest);
    }
    this.specs.set(pendingId, run);
  }

  /**
   * Holds the resolution of a pending run until `attempt`, a `runs/create` of it already sent by its
   * run handle, has settled: the lookup then finds what it made, and a second run is never created.
   */
  awaitAttempt(pendingId: string, attempt: Promise<unknown>): void {
    this.attempts.set(
      pendingId,
      attempt.then(
        () => undefined,
        () => undefined,
      ),
    );
  }

  /** How to create a pending run not yet resolved (to restate it in a spool file), else undefined. */
  spec(pendingId: string): PendingRun | undefined {
    return this.specs.get(pendingId);
  }

  /** The real run id, once known. */
  resolvedId(pendingId: string): string | undefined {
    return this.resolved.get(pendingId)?.runId;
  }

  /**
   * The run a placeholder stands for: found by its client run id, else created. For a real run id
   * (an artifact spooled after its run was resolved), its artifact root from `runs/get`.
   */
  async resolve(runId: string, depth = 0): Promise<Resolution> {
    const known = this.resolved.get(runId);
    if (known) return { kind: "ok", run: known };
    const refusal = this.refused.get(runId);
    if (refusal !== undefined) return { kind: "refused", error: refusal };
    try {
      const attempt = this.attempts.get(runId);
      if (attempt) {
        await attempt;
        this.attempts.delete(runId);
      }
      if (!isPendingRunId(runId)) {
        const { info } = await this.client.runs.get({ runId });
        return this.keep(runId, { runId: info.runId, artifactUri: info.artifactUri });
      }
      const spec = this.specs.get(runId);
      if (!spec) {
        throw new MltrackConfigError(
          `No record of how to create run ${runId} (its creation was in a spool file that is gone)`,
        );
      }
      const experimentId = "id" in spec.experiment ? spec.experiment.id : await this.experimentId(spec.experiment.name);
      let parentRunId: string | undefined;
      if (spec.parentRunId !== undefined) {
        const parent = await this.parentOf(spec.parentRunId, depth);
        if (parent.kind === "failed") return parent;
        if (parent.kind === "ok") parentRunId = parent.run.runId;
      }
      const release = this.lock(spec.clientRunId);
      if (!release) {
        const busy = new Error(`Another replayer on this host is creating run ${runId} right now`);
        return { kind: "failed", error: busy, uncertain: false, auth: false };
      }
      try {
        const found = await findRunByClientRunId(this.client, experimentId, spec.clientRunId);
        if (found) return this.keep(runId, { runId: found.info.runId, artifactUri: found.info.artifactUri });
        const tags: Record<string, string> = { ...spec.tags, [MLTRACK_TAGS.clientRunId]: spec.clientRunId };
        delete tags[MLFLOW_TAGS.parentRunId];
        if (parentRunId !== undefined) tags[MLFLOW_TAGS.parentRunId] = parentRunId;
        const made = await this.client.runs.create({
          experimentId,
          startTime: spec.startTime,
          tags,
          ...(spec.runName ? { runName: spec.runName } : {}),
        });
        this.created++;
        return this.keep(runId, { runId: made.info.runId, artifactUri: made.info.artifactUri });
      } finally {
        release();
      }
    } catch (error) {
      const result =
        error instanceof MltrackConfigError ? ({ kind: "refused", error } as const) : classifyFailure(error);
      if (result.kind === "refused") {
        this.refused.set(runId, error);
        this.specs.delete(runId);
      }
      // The lookup comes first on every attempt: a create whose answer was lost is found, not repeated.
      return result.kind === "failed" ? { ...result, uncertain: false } : (result as Resolution);
    }
  }

  private async parentOf(parentRunId: string, depth: number): Promise<Resolution> {
    if (!isPendingRunId(parentRunId)) return { kind: "ok", run: { runId: parentRunId, artifactUri: "" } };
    if (depth >= MAX_DEPTH) return { kind: "refused", error: new MltrackConfigError("Run nesting is too deep") };
    return this.resolve(parentRunId, depth + 1);
  }

  private keep(runId: string, run: ResolvedRun): Resolution {
    this.resolved.set(runId, run);
    this.specs.delete(runId);
    return { kind: "ok", run };
  }

  private async experimentId(name: string): Promise<string> {
    let id = this.experiments.get(name);
    if (id === undefined) {
      id = await experimentIdByName(this.client, name);
      this.experiments.set(name, id);
    }
    return id;
  }
}
