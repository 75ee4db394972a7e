/** Unit-test wiring: a client on the MLflow double and a recording pipeline, as a `track()` target. */
import { MlflowClient } from "../../mlflow/client";
import { mlflowDouble, type CreatedRunRecord, type MlflowDoubleOptions } from "./mlflow-double";
import { RecordingPipeline } from "./recording-pipeline";

export function harness(options: MlflowDoubleOptions = {}) {
  const server = mlflowDouble(options);
  const client = new MlflowClient({
    trackingUri: "http://mlflow.test",
    auth: null,
    fetch: server.fetch,
    maxRetries: 1,
    backoff: { baseMs: 1, maxMs: 1 },
  });
  const pipeline = new RecordingPipeline();
  /** The created run named `name` (throws when there is none, or several). */
  const run = (name: string): CreatedRunRecord => {
    const found = server.runs.filter((r) => r.runName === name);
    if (found.length !== 1) throw new Error(`${found.length} runs named ${name}`);
    return found[0]!;
  };
  return { server, client, pipeline, target: { client, pipeline }, run };
}
