/**
 * Finding what a client may already have made before making it: an experiment by name (created when
 * missing), and a run by the id its client chose (`mltrack.client_run_id`). `track()` uses both at run
 * start, and the logging pipeline when it creates a run that was started while MLflow was unreachable.
 */
import type { MlflowClient } from "./client";
import { MlflowBadRequestError, MlflowNotFoundError, MltrackConfigError } from "./errors";
import { MLTRACK_TAGS } from "./tags";
import type { Run } from "./types";

/** A client run id: a UUID (`crypto.randomUUID()`), so it needs no quoting in a filter. */
export const CLIENT_RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The id of experiment `name`, created when missing; a deleted one is refused (MltrackConfigError). */
export async function experimentIdByName(client: MlflowClient, name: string): Promise<string> {
  const existing = await byName(client, name);
  if (existing) return existing;
  try {
    return await client.experiments.create({ name });
  } catch (err) {
    // Another process created it between our lookup and our create.
    if (err instanceof MlflowBadRequestError && err.errorCode === "RESOURCE_ALREADY_EXISTS") {
      const id = await byName(client, name);
      if (id) return id;
    }
    throw err;
  }
}

async function byName(client: MlflowClient, name: string): Promise<string | undefined> {
  try {
    const experiment = await client.experiments.getByName({ experimentName: name });
    if (experiment.lifecycleStage === "deleted") {
      throw new MltrackConfigError(
        `Experiment ${JSON.stringify(name)} is deleted in MLflow: restore it, or delete it for good (mlflow gc) to create it anew`,
      );
    }
    return experiment.experimentId;
  } catch (err) {
    if (err instanceof MlflowNotFoundError) return undefined;
    throw err;
  }
}

/**
 * The run of `experimentId` tagged `mltrack.client_run_id = clientRunId`, deleted ones included (a run
 * the user deleted is not made again), or undefined.
 */
export async function findRunByClientRunId(
  client: MlflowClient,
  experimentId: string,
  clientRunId: string,
): Promise<Run | undefined> {
  if (!CLIENT_RUN_ID.test(clientRunId)) {
    throw new MltrackConfigError(`Not a client run id (a UUID): ${JSON.stringify(clientRunId)}`);
  }
  const page = await client.runs.search({
    experimentIds: [experimentId],
    filter: `tags.\`${MLTRACK_TAGS.clientRunId}\` = '${clientRunId}'`,
    runViewType: "ALL",
    maxResults: 1,
  });
  return page.items[0];
}
