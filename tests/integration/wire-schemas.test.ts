/**
 * Keeps the wire schemas honest: every field a real MLflow 3.18 returns, for richly populated
 * experiments, runs, datasets, logged models and registry entries, is modeled in `wire.ts`.
 */
import { randomUUID } from "node:crypto";
import { expect, inject, it } from "vitest";
import { MlflowClient, endpoints, type JsonEndpoint } from "mltrack-sdk/mlflow";
import { unmodeledFields } from "../support/wire-drift";

const mlflowUrl = inject("mlflowUrl");

async function raw(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${mlflowUrl}${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}`).toBe(200);
  return res.json();
}

it("models every field MLflow returns", async () => {
  const mlflow = new MlflowClient({ trackingUri: mlflowUrl, auth: null });
  const tag = randomUUID().slice(0, 8);
  const experimentId = await mlflow.experiments.create({
    name: `wire-${tag}`,
    tags: { "mlflow.note.content": "note" },
  });
  const run = await mlflow.runs.create({ experimentId, runName: "rich", startTime: Date.now(), tags: { t: "v" } });
  const runId = run.info.runId;
  await mlflow.runs.logBatch({
    runId,
    params: { p: "1" },
    tags: { "mlflow.parentRunId": runId },
    metrics: [{ key: "m", value: 1, timestamp: Date.now(), step: 0 }],
  });
  await mlflow.runs.logInputs({
    runId,
    datasets: [
      {
        name: "iris",
        digest: "abc123",
        sourceType: "local",
        source: '{"uri": "iris.csv"}',
        schema: "{}",
        profile: '{"rows": 150}',
        tags: { "mlflow.data.context": "training" },
      },
    ],
  });
  const logged = await mlflow.loggedModels.create({
    experimentId,
    name: "clf",
    sourceRunId: runId,
    params: { depth: "3" },
    tags: { k: "v" },
  });
  await mlflow.runs.logOutputs({ runId, models: [{ modelId: logged.modelId, step: 0 }] });
  await mlflow.runs.logMetric({
    runId,
    key: "model_acc",
    value: 0.9,
    timestamp: Date.now(),
    modelId: logged.modelId,
    datasetName: "iris",
    datasetDigest: "abc123",
  });
  await mlflow.uploadArtifact({ artifactUri: run.info.artifactUri, path: "a/b.txt", body: "x" });
  const name = `wire-model-${tag}`;
  await mlflow.registeredModels.create({ name, description: "d", tags: { k: "v" } });
  await mlflow.modelVersions.create({
    name,
    source: logged.artifactUri,
    runId,
    modelId: logged.modelId,
    tags: { k: "v" },
    description: "d",
  });
  await mlflow.registeredModels.setAlias({ name, alias: "champion", version: "1" });

  const q = encodeURIComponent;
  const checks: [JsonEndpoint, unknown][] = [
    [endpoints.experiments.get, await raw("GET", `/api/2.0/mlflow/experiments/get?experiment_id=${experimentId}`)],
    [endpoints.experiments.search, await raw("POST", "/api/2.0/mlflow/experiments/search", { max_results: 3 })],
    [endpoints.runs.get, await raw("GET", `/api/2.0/mlflow/runs/get?run_id=${runId}`)],
    [endpoints.runs.search, await raw("POST", "/api/2.0/mlflow/runs/search", { experiment_ids: [experimentId] })],
    [
      endpoints.metrics.getHistory,
      await raw("GET", `/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=model_acc`),
    ],
    [
      endpoints.metrics.getHistoryBulkInterval,
      await raw(
        "GET",
        `/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=${runId}&metric_key=m&max_results=10`,
      ),
    ],
    [endpoints.artifacts.list, await raw("GET", `/api/2.0/mlflow/artifacts/list?run_id=${runId}&path=a`)],
    [endpoints.registeredModels.get, await raw("GET", `/api/2.0/mlflow/registered-models/get?name=${q(name)}`)],
    [
      endpoints.registeredModels.search,
      await raw("GET", `/api/2.0/mlflow/registered-models/search?filter=${q(`name = '${name}'`)}`),
    ],
    [endpoints.modelVersions.get, await raw("GET", `/api/2.0/mlflow/model-versions/get?name=${q(name)}&version=1`)],
    [
      endpoints.modelVersions.search,
      await raw("GET", `/api/2.0/mlflow/model-versions/search?filter=${q(`name = '${name}'`)}`),
    ],
    [endpoints.loggedModels.get, await raw("GET", `/api/2.0/mlflow/logged-models/${logged.modelId}`)],
    [
      endpoints.loggedModels.search,
      await raw("POST", "/api/2.0/mlflow/logged-models/search", { experiment_ids: [experimentId] }),
    ],
    [
      endpoints.experiments.searchDatasets,
      await raw("POST", "/ajax-api/2.0/mlflow/experiments/search-datasets", { experiment_ids: [experimentId] }),
    ],
  ];
  for (const [endpoint, body] of checks) {
    expect(unmodeledFields(endpoint.response, body), endpoint.path).toEqual([]);
    expect(endpoint.response.safeParse(body).success, endpoint.path).toBe(true);
  }

  const parsed = await mlflow.runs.get({ runId });
  expect(parsed.inputs.datasets).toEqual([
    {
      name: "iris",
      digest: "abc123",
      sourceType: "local",
      source: '{"uri": "iris.csv"}',
      schema: "{}",
      profile: '{"rows": 150}',
      tags: { "mlflow.data.context": "training" },
    },
  ]);
  expect(parsed.outputs.models).toEqual([{ modelId: logged.modelId, step: 0 }]);
});
