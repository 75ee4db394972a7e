/**
 * The official MLflow Python client, from the project's .venv, uses the UI's URL as its tracking
 * URI; what it logged then reads back identically from MLflow directly.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { expect, inject, it } from "vitest";
import { MlflowClient, collect } from "mltrack-sdk/mlflow";
import { repoRoot, venvBin } from "../../scripts/lib/paths";

const run = promisify(execFile);

it("logs a run with params, metrics and artifacts through the gateway, as MLflow's Python client", async () => {
  const experimentName = `python-${randomUUID().slice(0, 8)}`;
  const { stdout } = await run(
    venvBin("python"),
    [path.join(repoRoot, "tests/integration/python/log_run.py"), experimentName],
    {
      env: {
        ...process.env,
        MLFLOW_TRACKING_URI: inject("uiUrl"),
        MLFLOW_DISABLE_TELEMETRY: "true",
        DO_NOT_TRACK: "true",
      },
    },
  );
  const logged = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as {
    run_id: string;
    experiment_id: string;
    params: Record<string, string>;
    losses: number[];
    note: string;
    config: Record<string, unknown>;
  };

  const direct = new MlflowClient({ trackingUri: inject("mlflowUrl"), auth: null });
  const viaGateway = new MlflowClient({ trackingUri: inject("uiUrl"), auth: null });
  const stored = await direct.runs.get({ runId: logged.run_id });
  expect(stored.info).toMatchObject({
    experimentId: logged.experiment_id,
    runName: "python-via-gateway",
    status: "FINISHED",
  });
  expect(stored.data.params).toEqual(logged.params);
  expect(stored.data.tags).toMatchObject({ team: "mltrack", "mlflow.runName": "python-via-gateway" });

  const history = await collect(direct.metrics.getHistoryAll({ runId: logged.run_id, metricKey: "loss" }));
  expect(history.sort((a, b) => a.step - b.step).map((p) => p.value)).toEqual(logged.losses);

  const note = await direct.downloadArtifact({ runId: logged.run_id, path: "notes/hello.txt" });
  expect(await note.text()).toBe(logged.note);
  const config = await direct.downloadArtifact({ runId: logged.run_id, path: "config.json" });
  expect(await config.json()).toEqual(logged.config);

  // Read back through the gateway, the run is the same object MLflow holds.
  expect(await viaGateway.runs.get({ runId: logged.run_id })).toEqual(stored);
});
