import "server-only";
import type { MlflowClient, Run } from "mltrack-sdk/mlflow";
import type { Limiter } from "./limiter";

/** Run ids per `runs/search`: well inside its 1,000-run page, and a filter of ~4 KB. */
export const RUNS_PER_SEARCH = 100;

export interface RunBatcherOptions {
  /** The reader's cap on MLflow calls in flight. */
  limit: Limiter;
  /** Run → experiment entries remembered; default 200,000 (~20 MB). */
  located?: number;
}

interface Waiter {
  resolve: (run: Run) => void;
  reject: (err: unknown) => void;
}

/**
 * Reads runs by id for the charts and tables of a comparison. A chart of 100 runs would otherwise cost
 * 100 `runs/get` calls, queued one by one in MLflow's worker, every time the page opens; here the calls
 * made in one turn of the event loop are batched into one `runs/search` per 100 ids
 * (`attributes.run_id IN (...)` over the ids' experiments). A run never changes experiment, so where it
 * lives is remembered after its first read; ids not located yet (or not in the search's answer, such as
 * ids MLflow does not know) are read with `runs/get`, which also gives MLflow's own not-found error.
 * Runs themselves are never kept: their status and latest metrics change.
 */
export function createRunBatcher({ limit, located = 200_000 }: RunBatcherOptions) {
  const experimentOf = new Map<string, string>();
  const pending = new Map<MlflowClient, Map<string, Waiter[]>>();

  const remember = (run: Run) => {
    if (experimentOf.has(run.info.runId)) return;
    // Oldest entries go first; a forgotten run costs one `runs/get` on its next read.
    if (experimentOf.size >= located) experimentOf.delete(experimentOf.keys().next().value!);
    experimentOf.set(run.info.runId, run.info.experimentId);
  };

  const getOne = (mlflow: MlflowClient, runId: string) =>
    limit(() => mlflow.runs.get({ runId })).then((run) => {
      remember(run);
      return run;
    });

  const settle = (waiters: Waiter[], read: Promise<Run>) =>
    read.then(
      (run) => waiters.forEach((w) => w.resolve(run)),
      (err: unknown) => waiters.forEach((w) => w.reject(err)),
    );

  async function searchLocated(mlflow: MlflowClient, batch: Map<string, Waiter[]>, runIds: string[]) {
    let found: Map<string, Run>;
    try {
      const { items } = await limit(() =>
        mlflow.runs.search({
          experimentIds: [...new Set(runIds.map((id) => experimentOf.get(id)!))],
          // Run ids are validated as [A-Za-z0-9_-]: nothing to escape inside the quotes.
          filter: `attributes.run_id IN (${runIds.map((id) => `'${id}'`).join(", ")})`,
          runViewType: "ALL",
          maxResults: 1000,
        }),
      );
      found = new Map(items.map((run) => [run.info.runId, run]));
    } catch {
      // The search failing is no reason to fail the runs: read them one by one, with their own errors.
      found = new Map();
    }
    for (const runId of runIds) {
      const run = found.get(runId);
      void settle(batch.get(runId)!, run ? Promise.resolve(run) : getOne(mlflow, runId));
    }
  }

  function flush(mlflow: MlflowClient) {
    const batch = pending.get(mlflow)!;
    pending.delete(mlflow);
    const ids = [...batch.keys()];
    const located = ids.filter((id) => experimentOf.has(id));
    for (const runId of ids.filter((id) => !experimentOf.has(id)))
      void settle(batch.get(runId)!, getOne(mlflow, runId));
    for (let i = 0; i < located.length; i += RUNS_PER_SEARCH) {
      void searchLocated(mlflow, batch, located.slice(i, i + RUNS_PER_SEARCH));
    }
  }

  return function run(mlflow: MlflowClient, runId: string): Promise<Run> {
    return new Promise<Run>((resolve, reject) => {
      let batch = pending.get(mlflow);
      if (!batch) {
        batch = new Map();
        pending.set(mlflow, batch);
        setImmediate(() => flush(mlflow));
      }
      const waiters = batch.get(runId) ?? [];
      waiters.push({ resolve, reject });
      batch.set(runId, waiters);
    });
  };
}
