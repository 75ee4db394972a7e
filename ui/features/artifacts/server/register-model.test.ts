import { describe, expect, it } from "vitest";
import { MlflowClient } from "mltrack-sdk/mlflow";
import { json, scriptedFetch, type Scripted } from "../../../../mltrack-sdk/src/testing/scripted-fetch";
import { listArtifactDirectory } from "./list-artifacts";
import { listRunLoggedModels } from "./logged-models";
import { registerModel } from "./register-model";
import { searchRegisteredModelNames } from "./registered-model-names";
import { runSource } from "../source";

function client(...steps: Scripted[]) {
  const { fetch, calls } = scriptedFetch(...steps);
  return {
    mlflow: new MlflowClient({ trackingUri: "http://mlflow.test:5000", auth: null, fetch, maxRetries: 0 }),
    calls,
  };
}

const version = (name: string, v: string, source: string) => ({
  model_version: { name, version: v, source, status: "READY" },
});

describe("registerModel", () => {
  it("registers a logged model from models:/<id> with its model and run ids, creating the registered model", async () => {
    const { mlflow, calls } = client(
      json({ model: { info: { model_id: "m-1", experiment_id: "1", source_run_id: "run1", name: "iris" } } }),
      json({ registered_model: { name: "iris-prod" } }),
      json(version("iris-prod", "1", "models:/m-1")),
    );
    const result = await registerModel(mlflow, { name: "iris-prod", source: { kind: "logged-model", modelId: "m-1" } });
    expect(result).toEqual({ name: "iris-prod", version: "1", source: "models:/m-1", createdRegisteredModel: true });
    expect(JSON.parse(calls[2]?.body ?? "{}")).toMatchObject({
      name: "iris-prod",
      source: "models:/m-1",
      model_id: "m-1",
      run_id: "run1",
    });
  });

  it("adds a version when the registered model exists (RESOURCE_ALREADY_EXISTS is fine)", async () => {
    const { mlflow, calls } = client(
      json({ files: [{ path: "model/MLmodel", is_dir: false, file_size: 100 }] }),
      json({ error_code: "RESOURCE_ALREADY_EXISTS", message: "Registered Model (name=iris) already exists." }, 400),
      json(version("iris", "4", "runs:/run1/model")),
    );
    const result = await registerModel(mlflow, { name: "iris", source: { kind: "run", runId: "run1", path: "model" } });
    expect(result).toEqual({ name: "iris", version: "4", source: "runs:/run1/model", createdRegisteredModel: false });
    expect(JSON.parse(calls[2]?.body ?? "{}")).toMatchObject({ source: "runs:/run1/model", run_id: "run1" });
  });

  it("refuses a run folder without an MLmodel file, before creating anything", async () => {
    const { mlflow, calls } = client(json({ files: [{ path: "plots/a.png", is_dir: false, file_size: 1 }] }));
    await expect(
      registerModel(mlflow, { name: "x", source: { kind: "run", runId: "run1", path: "plots" } }),
    ).rejects.toMatchObject({ status: 400, message: "No MLmodel file in plots" });
    expect(calls).toHaveLength(1);
  });

  it("passes other errors on", async () => {
    const { mlflow } = client(
      json({ model: { info: { model_id: "m-1", experiment_id: "1" } } }),
      json({ error_code: "PERMISSION_DENIED", message: "no" }, 403),
    );
    await expect(
      registerModel(mlflow, { name: "x", source: { kind: "logged-model", modelId: "m-1" } }),
    ).rejects.toMatchObject({ errorCode: "PERMISSION_DENIED" });
  });
});

describe("listings", () => {
  it("walks every page of a folder listing; folders first, then files by name", async () => {
    const { mlflow, calls } = client(
      json({ files: [{ path: "d/b.txt", is_dir: false, file_size: 3 }], next_page_token: "t1" }),
      json({
        files: [
          { path: "d/a", is_dir: true },
          { path: "d/A.txt", is_dir: false, file_size: 1 },
        ],
      }),
    );
    const listing = await listArtifactDirectory(mlflow, runSource("r1"), "d");
    expect(listing).toEqual({
      path: "d",
      entries: [
        { path: "d/a", name: "a", isDir: true, size: null },
        { path: "d/A.txt", name: "A.txt", isDir: false, size: 1 },
        { path: "d/b.txt", name: "b.txt", isDir: false, size: 3 },
      ],
      truncated: false,
    });
    expect(calls[1]?.url).toContain("page_token=t1");
  });

  it("finds a run's logged models with MLflow's source_run_id filter", async () => {
    const { mlflow, calls } = client(
      json({ models: [{ info: { model_id: "m-1", experiment_id: "7", name: "iris", status: "LOGGED_MODEL_READY" } }] }),
    );
    const result = await listRunLoggedModels(mlflow, "abc123", "7");
    expect(result.models).toEqual([
      { modelId: "m-1", name: "iris", status: "LOGGED_MODEL_READY", modelType: "", creationTimestamp: null },
    ]);
    expect(JSON.parse(calls[0]?.body ?? "{}")).toMatchObject({
      experiment_ids: ["7"],
      filter: "source_run_id = 'abc123'",
    });
    await expect(listRunLoggedModels(mlflow, "x' OR '1'='1", "7")).rejects.toThrow(TypeError);
  });

  it("searches registered model names literally: quotes never reach the filter, matches are narrowed", async () => {
    const { mlflow, calls } = client(json({ registered_models: [{ name: "iris" }, { name: "bob's iris" }] }));
    expect(await searchRegisteredModelNames(mlflow, "b's")).toEqual({ names: ["bob's iris"] });
    const url = new URL(calls[0]?.url ?? "");
    expect(url.searchParams.get("filter")).toBe("name ILIKE '%b_s%'");
  });
});
