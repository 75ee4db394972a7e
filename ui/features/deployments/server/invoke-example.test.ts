import { describe, expect, it } from "vitest";
import { servingInputPathOf, versionArtifacts } from "./invoke-example";

describe("versionArtifacts", () => {
  it("reads an MLflow 3 version from its logged model", () => {
    expect(versionArtifacts({ source: "models:/m-0123abcd", runId: "r1", modelId: "m-0123abcd" })).toEqual({
      source: { kind: "logged-model", modelId: "m-0123abcd" },
      dir: "",
    });
    expect(versionArtifacts({ source: "models:/m-0123abcd", runId: "", modelId: "" })?.source).toEqual({
      kind: "logged-model",
      modelId: "m-0123abcd",
    });
  });

  it("reads a runs:/ source from the run's folder, and a run artifact URI after /artifacts/", () => {
    expect(versionArtifacts({ source: "runs:/abc123/exported_model/", runId: "abc123", modelId: "" })).toEqual({
      source: { kind: "run", runId: "abc123" },
      dir: "exported_model",
    });
    expect(
      versionArtifacts({ source: "mlflow-artifacts:/1/abc123/artifacts/model", runId: "abc123", modelId: "" }),
    ).toEqual({ source: { kind: "run", runId: "abc123" }, dir: "model" });
  });

  it("gives up on a source MLTrack cannot read through MLflow", () => {
    expect(versionArtifacts({ source: "s3://bucket/model", runId: "", modelId: "" })).toBeNull();
  });
});

describe("servingInputPathOf", () => {
  it("reads saved_input_example_info.serving_input_path", () => {
    const mlmodel = [
      "artifact_path: model",
      "saved_input_example_info:",
      "  artifact_path: input_example.json",
      "  serving_input_path: serving_input_example.json",
      "  type: dataframe",
    ].join("\n");
    expect(servingInputPathOf(mlmodel)).toBe("serving_input_example.json");
  });

  it("is null without one, or for text that is no YAML mapping", () => {
    expect(servingInputPathOf("flavors: {}")).toBeNull();
    expect(servingInputPathOf(": : :")).toBeNull();
    expect(servingInputPathOf("- a\n- b")).toBeNull();
  });
});
