import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ModelSummary } from "../schemas";
import { inputExampleView } from "./input-example";
import { MlmodelParseError, describeType, summarizeMlmodel } from "./mlmodel-summary";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

describe("summarizeMlmodel on real MLmodel files", () => {
  it("reads a logged sklearn model: flavors, signature, input example, size, MLflow version", () => {
    const summary = summarizeMlmodel(fixture("sklearn-logged-model.MLmodel"));
    expect(ModelSummary.parse(summary)).toEqual(summary);
    expect(summary.flavors.map((f) => f.name)).toEqual(["python_function", "sklearn"]);
    expect(summary.loaderModule).toBe("mlflow.sklearn");
    expect(summary.pythonVersion).toBe("3.11.7");
    const sklearn = summary.flavors[1];
    expect(sklearn?.version).toBe("1.9.1");
    expect(sklearn?.details).toContainEqual({ key: "serialization_format", value: "skops" });
    // Nested settings are flattened; nulls left out.
    expect(summary.flavors[0]?.details).toContainEqual({ key: "env.virtualenv", value: "python_env.yaml" });
    expect(sklearn?.details.some((d) => d.key === "code")).toBe(false);
    expect(summary.signature?.inputs).toEqual([
      { name: "sepal length (cm)", type: "double", shape: null, optional: false },
      { name: "sepal width (cm)", type: "double", shape: null, optional: false },
      { name: "petal length (cm)", type: "double", shape: null, optional: false },
      { name: "petal width (cm)", type: "double", shape: null, optional: false },
    ]);
    expect(summary.signature?.outputs).toEqual([{ name: null, type: "long", shape: null, optional: false }]);
    expect(summary.signature?.params).toBeNull();
    expect(summary.signatureError).toBeNull();
    expect(summary.inputExample).toEqual({
      artifactPath: "input_example.json",
      type: "dataframe",
      pandasOrient: "split",
    });
    expect(summary.mlflowVersion).toBe("3.18.0");
    expect(summary.modelSizeBytes).toBe(11634);
    expect(summary.modelId).toBe("m-64aa7300ffa54a96acf556dde4dd1150");
    expect(summary.runId).toBe("37be52c76134419a879edc34310a3902");
    expect(summary.createdAt).toBe("2026-12-01 06:00:23.476440");
  });

  it("reads tensor outputs with shapes, optional columns and params with defaults", () => {
    const summary = summarizeMlmodel(fixture("pyfunc-tensor-params.MLmodel"));
    expect(ModelSummary.parse(summary)).toEqual(summary);
    expect(summary.flavors.map((f) => f.name)).toEqual(["python_function"]);
    expect(summary.loaderModule).toBe("mlflow.pyfunc.model");
    expect(summary.signature?.inputs).toEqual([
      { name: "text", type: "string", shape: null, optional: false },
      { name: "max_tokens", type: "long", shape: null, optional: true },
      { name: "score", type: "double", shape: null, optional: false },
    ]);
    expect(summary.signature?.outputs).toEqual([
      { name: "embedding", type: "tensor<float32>", shape: "(-1, 768)", optional: false },
    ]);
    expect(summary.signature?.params).toEqual([
      { name: "temperature", type: "double", shape: null, default: "0.7" },
      { name: "stop", type: "string", shape: "(-1)", default: '["\\n"]' },
    ]);
    expect(summary.inputExample).toBeNull();
    expect(summary.modelId).toBeNull();
  });

  it("keeps going when the signature is not JSON, and says so", () => {
    const summary = summarizeMlmodel("flavors: {}\nsignature:\n  inputs: 'not json'\n  outputs: null\n");
    expect(summary.signature).toEqual({ inputs: null, outputs: null, params: null });
    expect(summary.signatureError).toBe("The signature's inputs is not valid JSON");
  });

  it("refuses YAML that is not a mapping, or not YAML", () => {
    expect(() => summarizeMlmodel("- a\n- b\n")).toThrow(MlmodelParseError);
    expect(() => summarizeMlmodel("flavors: [unclosed\n")).toThrow(MlmodelParseError);
  });

  it("does not expand an alias bomb", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
      .concat(
        Array.from(
          { length: 8 },
          (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10).fill(`*${"abcdefgh"[i]}`).join(", ")}]`,
        ),
      )
      .join("\n");
    expect(() => summarizeMlmodel(bomb)).toThrow(MlmodelParseError);
  });

  it("describes nested column types", () => {
    expect(describeType({ type: "array", items: { type: "string" } })).toBe("array<string>");
    expect(
      describeType({
        type: "object",
        properties: { a: { type: "long", required: true }, b: { type: "double", required: false } },
      }),
    ).toBe("object{a: long, b?: double}");
    expect(describeType({ type: "map", values: { type: "double" } })).toBe("map<string, double>");
  });
});

describe("inputExampleView", () => {
  it("shows MLflow's split DataFrame example as a table", () => {
    expect(inputExampleView(fixture("sklearn-input-example.json"))).toEqual({
      kind: "table",
      columns: ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"],
      rows: [
        ["5.1", "3.5", "1.4", "0.2"],
        ["4.9", "3", "1.4", "0.2"],
        ["4.7", "3.2", "1.3", "0.2"],
      ],
      totalRows: 3,
    });
  });

  it("reads dataframe_split and records, and keeps strings as they are", () => {
    expect(inputExampleView('{"dataframe_split": {"columns": ["t"], "data": [["hi"]]}}')).toMatchObject({
      kind: "table",
      rows: [["hi"]],
    });
    expect(inputExampleView('[{"a": 1, "b": "x"}, {"a": 2}]')).toEqual({
      kind: "table",
      columns: ["a", "b"],
      rows: [
        ["1", "x"],
        ["2", ""],
      ],
      totalRows: 2,
    });
  });

  it("shows other examples as pretty JSON, and invalid JSON as unavailable", () => {
    expect(inputExampleView('{"inputs": [[1, 2]]}')).toEqual({
      kind: "json",
      text: '{\n  "inputs": [\n    [\n      1,\n      2\n    ]\n  ]\n}',
      truncated: false,
    });
    expect(inputExampleView("{oops").kind).toBe("unavailable");
  });
});
