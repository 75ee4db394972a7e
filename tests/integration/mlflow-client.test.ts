/**
 * The typed client against a real MLflow 3.18, twice: talking to MLflow directly, and through the
 * MLTrack gateway, which must be indistinguishable to any MLflow client.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowBadRequestError, MlflowClient, MlflowNotFoundError, collect, type Metric } from "mltrack-sdk/mlflow";

const targets = [
  ["MLflow directly", inject("mlflowUrl")],
  ["the MLTrack gateway", inject("uiUrl")],
] as const;

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe.each(targets)("the typed client against %s", (_label, trackingUri) => {
  const mlflow = new MlflowClient({ trackingUri, auth: null });
  let experimentId: string;

  beforeAll(async () => {
    experimentId = await mlflow.experiments.create({ name: unique("client"), tags: { team: "mltrack" } });
  });
  afterAll(async () => {
    await mlflow.experiments.delete({ experimentId });
  });

  it("manages experiments: get, by name, rename, tags, paged search, delete and restore", async () => {
    const name = unique("exp");
    const id = await mlflow.experiments.create({ name, tags: { "mlflow.note.content": "# Notes\nline" } });
    const experiment = await mlflow.experiments.get({ experimentId: id });
    expect(experiment).toMatchObject({
      experimentId: id,
      name,
      lifecycleStage: "active",
      tags: { "mlflow.note.content": "# Notes\nline" },
    });
    expect(experiment.creationTime).toBeGreaterThan(0);
    expect((await mlflow.experiments.getByName({ experimentName: name })).experimentId).toBe(id);

    await mlflow.experiments.update({ experimentId: id, newName: `${name}-renamed` });
    await mlflow.experiments.setTag({ experimentId: id, key: "stage", value: "dev" });
    await mlflow.experiments.deleteTag({ experimentId: id, key: "mlflow.note.content" });
    expect(await mlflow.experiments.get({ experimentId: id })).toMatchObject({
      name: `${name}-renamed`,
      tags: { stage: "dev" },
    });

    const prefix = unique("paged");
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await mlflow.experiments.create({ name: `${prefix}-${i}` }));
    const first = await mlflow.experiments.search({ filter: `name LIKE '${prefix}-%'`, maxResults: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextPageToken).toBeTruthy();
    const all = await collect(
      mlflow.experiments.searchAll({ filter: `name LIKE '${prefix}-%'`, maxResults: 2, orderBy: ["name ASC"] }),
    );
    expect(all.map((e) => e.name)).toEqual([0, 1, 2, 3, 4].map((i) => `${prefix}-${i}`));

    await mlflow.experiments.delete({ experimentId: id });
    expect((await mlflow.experiments.get({ experimentId: id })).lifecycleStage).toBe("deleted");
    const deleted = await collect(
      mlflow.experiments.searchAll({ viewType: "DELETED_ONLY", filter: `name = '${name}-renamed'` }),
    );
    expect(deleted.map((e) => e.experimentId)).toEqual([id]);
    await mlflow.experiments.restore({ experimentId: id });
    expect((await mlflow.experiments.get({ experimentId: id })).lifecycleStage).toBe("active");
    for (const other of [id, ...ids]) await mlflow.experiments.delete({ experimentId: other });
  });

  it("manages runs: create, update, get, filtered and ordered search, delete and restore", async () => {
    const started = Date.now();
    const runs = [];
    for (const lr of ["0.1", "0.01", "0.001"]) {
      const run = await mlflow.runs.create({
        experimentId,
        runName: `lr-${lr}`,
        startTime: started,
        tags: { sweep: "a" },
      });
      await mlflow.runs.logBatch({
        runId: run.info.runId,
        params: { lr },
        metrics: [{ key: "acc", value: Number(lr) * 10, timestamp: started, step: 1 }],
      });
      runs.push(run);
    }
    const [first] = runs;
    expect(first?.info).toMatchObject({ experimentId, runName: "lr-0.1", status: "RUNNING", startTime: started });
    expect(first?.data.tags).toMatchObject({ sweep: "a", "mlflow.runName": "lr-0.1" });

    const info = await mlflow.runs.update({
      runId: first!.info.runId,
      status: "FINISHED",
      endTime: started + 1000,
      runName: "best",
    });
    expect(info).toMatchObject({ status: "FINISHED", endTime: started + 1000, runName: "best" });

    const found = await mlflow.runs.search({
      experimentIds: [experimentId],
      filter: "params.lr != '0.001' and tags.sweep = 'a'",
      orderBy: ["metrics.acc DESC"],
    });
    expect(found.items.map((r) => r.data.params.lr)).toEqual(["0.1", "0.01"]);
    expect(found.items[0]?.data.metrics.acc).toMatchObject({ value: 1, step: 1 });

    await mlflow.runs.delete({ runId: first!.info.runId });
    expect((await mlflow.runs.get({ runId: first!.info.runId })).info.lifecycleStage).toBe("deleted");
    const active = await collect(mlflow.runs.searchAll({ experimentIds: [experimentId], filter: "tags.sweep = 'a'" }));
    expect(active).toHaveLength(2);
    await mlflow.runs.restore({ runId: first!.info.runId });
    expect((await mlflow.runs.get({ runId: first!.info.runId })).info.lifecycleStage).toBe("active");
  });

  it("logs batches within MLflow's limits and reads the full metric history back in pages", async () => {
    const run = await mlflow.runs.create({ experimentId, runName: "history" });
    const runId = run.info.runId;
    const points: Metric[] = Array.from({ length: 2500 }, (_, step) => ({
      key: "loss",
      value: 1 / (step + 1),
      timestamp: 1_000 + step,
      step,
    }));
    points[1234] = { ...points[1234]!, value: Number.NaN };
    for (let i = 0; i < points.length; i += 1000) {
      await mlflow.runs.logBatch({ runId, metrics: points.slice(i, i + 1000) });
    }
    // An identical batch again changes nothing: log-batch is safe to retry.
    await mlflow.runs.logBatch({ runId, metrics: points.slice(0, 1000) });

    const first = await mlflow.metrics.getHistory({ runId, metricKey: "loss", maxResults: 1000 });
    expect(first.items).toHaveLength(1000);
    expect(first.nextPageToken).toBeTruthy();
    const history = await collect(mlflow.metrics.getHistoryAll({ runId, metricKey: "loss", maxResults: 1000 }));
    expect(history).toHaveLength(2500);
    const bySteps = [...history].sort((a, b) => a.step - b.step);
    expect(bySteps.map((p) => p.step)).toEqual(points.map((p) => p.step));
    expect(bySteps[1234]?.value).toBeNaN();
    expect(bySteps[2499]).toMatchObject({ value: 1 / 2500, timestamp: 3_499, step: 2499 });

    const latest = await mlflow.runs.get({ runId });
    expect(latest.data.metrics.loss).toMatchObject({ step: 2499, value: 1 / 2500 });

    const sampled = await mlflow.metrics.getHistoryBulkInterval({
      runIds: [runId],
      metricKey: "loss",
      maxResults: 100,
    });
    expect(sampled.length).toBeGreaterThan(0);
    expect(sampled.length).toBeLessThanOrEqual(2500);
    expect(sampled.every((p) => p.runId === runId)).toBe(true);

    await mlflow.runs.logParam({ runId, key: "batch_size", value: "32" });
    await mlflow.runs.logParam({ runId, key: "batch_size", value: "32" });
    const changed = await mlflow.runs.logParam({ runId, key: "batch_size", value: "64" }).catch((e: unknown) => e);
    expect(changed).toBeInstanceOf(MlflowBadRequestError);
    expect(changed).toMatchObject({ errorCode: "INVALID_PARAMETER_VALUE", httpStatus: 400 });
  });

  it("uploads, lists and downloads artifacts byte for byte", async () => {
    const run = await mlflow.runs.create({ experimentId, runName: "artifacts" });
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) % 256);
    await mlflow.uploadArtifact({ artifactUri: run.info.artifactUri, path: "data/blob.bin", body: bytes });
    await mlflow.uploadArtifact({
      artifactUri: run.info.artifactUri,
      path: "notes/read me.md",
      body: "# hi\n",
      contentType: "text/markdown",
    });

    const root = await mlflow.artifacts.list({ runId: run.info.runId });
    expect(root.items.map((f) => [f.path, f.isDir]).sort()).toEqual([
      ["data", true],
      ["notes", true],
    ]);
    const data = await mlflow.artifacts.list({ runId: run.info.runId, path: "data" });
    expect(data.items).toEqual([{ path: "data/blob.bin", isDir: false, fileSize: 300_000 }]);

    const download = await mlflow.downloadArtifact({ runId: run.info.runId, path: "data/blob.bin" });
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    const note = await mlflow.downloadArtifact({ runId: run.info.runId, path: "notes/read me.md" });
    expect(await note.text()).toBe("# hi\n");

    const missing = await mlflow.downloadArtifact({ runId: run.info.runId, path: "nope.txt" }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MlflowNotFoundError);
    expect(missing).toMatchObject({ errorCode: "RESOURCE_DOES_NOT_EXIST" });
  });

  it("manages the registry: model, version from a run, aliases, tags, search and delete", async () => {
    const run = await mlflow.runs.create({ experimentId, runName: "to-register" });
    const name = unique("model");
    const model = await mlflow.registeredModels.create({ name, description: "churn model", tags: { owner: "ml" } });
    expect(model).toMatchObject({ name, description: "churn model", tags: { owner: "ml" }, aliases: {} });

    const version = await mlflow.modelVersions.create({
      name,
      source: `${run.info.artifactUri}/model`,
      runId: run.info.runId,
      tags: { data: "v1" },
    });
    expect(version).toMatchObject({ name, version: "1", runId: run.info.runId, status: "READY", tags: { data: "v1" } });

    await mlflow.registeredModels.setAlias({ name, alias: "champion", version: 1 });
    expect((await mlflow.modelVersions.getByAlias({ name, alias: "champion" })).version).toBe("1");
    expect((await mlflow.registeredModels.get({ name })).aliases).toEqual({ champion: "1" });
    await mlflow.modelVersions.setTag({ name, version: "1", key: "validated", value: "yes" });
    await mlflow.modelVersions.update({ name, version: "1", description: "first" });
    expect(await mlflow.modelVersions.get({ name, version: "1" })).toMatchObject({
      description: "first",
      aliases: ["champion"],
      tags: { data: "v1", validated: "yes" },
    });
    expect(await mlflow.modelVersions.getDownloadUri({ name, version: "1" })).toContain("model");

    const models = await mlflow.registeredModels.search({ filter: `name = '${name}'` });
    expect(models.items.map((m) => m.name)).toEqual([name]);
    const versions = await collect(mlflow.modelVersions.searchAll({ filter: `name = '${name}'` }));
    expect(versions.map((v) => v.version)).toEqual(["1"]);

    await mlflow.registeredModels.deleteAlias({ name, alias: "champion" });
    await mlflow.registeredModels.update({ name, description: "retired" });
    await mlflow.registeredModels.rename({ name, newName: `${name}-old` });
    expect((await mlflow.registeredModels.get({ name: `${name}-old` })).description).toBe("retired");
    await mlflow.registeredModels.delete({ name: `${name}-old` });
    await expect(mlflow.registeredModels.get({ name: `${name}-old` })).rejects.toBeInstanceOf(MlflowNotFoundError);
  });

  it("manages logged models: create, finalize, tag, search by experiment", async () => {
    const run = await mlflow.runs.create({ experimentId, runName: "logged-model" });
    const created = await mlflow.loggedModels.create({
      experimentId,
      name: "clf",
      sourceRunId: run.info.runId,
      params: { depth: "3" },
    });
    expect(created).toMatchObject({
      experimentId,
      name: "clf",
      sourceRunId: run.info.runId,
      status: "LOGGED_MODEL_PENDING",
      params: { depth: "3" },
    });
    const ready = await mlflow.loggedModels.finalize({ modelId: created.modelId, status: "LOGGED_MODEL_READY" });
    expect(ready.status).toBe("LOGGED_MODEL_READY");
    await mlflow.loggedModels.setTags({ modelId: created.modelId, tags: { flavor: "sklearn" } });
    expect((await mlflow.loggedModels.get({ modelId: created.modelId })).tags).toMatchObject({ flavor: "sklearn" });
    const found = await collect(mlflow.loggedModels.searchAll({ experimentIds: [experimentId] }));
    expect(found.map((m) => m.modelId)).toContain(created.modelId);
  });

  it("surfaces MLflow's own errors with their code and status", async () => {
    const missing = await mlflow.runs.get({ runId: "0123456789abcdef" }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MlflowNotFoundError);
    expect(missing).toMatchObject({ errorCode: "RESOURCE_DOES_NOT_EXIST", httpStatus: 404 });

    const name = unique("dup");
    const id = await mlflow.experiments.create({ name });
    const duplicate = await mlflow.experiments.create({ name }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(MlflowBadRequestError);
    expect(duplicate).toMatchObject({ errorCode: "RESOURCE_ALREADY_EXISTS", httpStatus: 400 });
    await mlflow.experiments.delete({ experimentId: id });

    const badFilter = await mlflow.runs
      .search({ experimentIds: [experimentId], filter: "metrics.acc >>> 1" })
      .catch((e: unknown) => e);
    expect(badFilter).toMatchObject({ errorCode: "INVALID_PARAMETER_VALUE", httpStatus: 400 });
  });
});
