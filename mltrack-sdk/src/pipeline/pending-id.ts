/**
 * The placeholder id a run started while MLflow was unreachable is logged to under:
 * `mltrack-pending:<client run id>`. MLflow run ids are 32 hex digits and the client's run id check
 * refuses a colon, so a placeholder can neither collide with a real run id nor be sent to MLflow.
 */
import { CLIENT_RUN_ID } from "../mlflow/find-or-create";

const PREFIX = "mltrack-pending:";

/** The placeholder a pending run is logged to under. */
export function pendingRunId(clientRunId: string): string {
  if (!CLIENT_RUN_ID.test(clientRunId)) throw new TypeError(`Not a client run id: ${JSON.stringify(clientRunId)}`);
  return PREFIX + clientRunId;
}

export function isPendingRunId(runId: string): boolean {
  return runId.startsWith(PREFIX);
}

/** Whether `runId` is a well-formed placeholder (checked on every spool line that names one). */
export function isValidPendingRunId(runId: string): boolean {
  return isPendingRunId(runId) && CLIENT_RUN_ID.test(runId.slice(PREFIX.length));
}

export function clientRunIdOf(pendingId: string): string {
  return pendingId.slice(PREFIX.length);
}
