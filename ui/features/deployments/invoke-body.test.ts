import { describe, expect, it } from "vitest";
import { bodyFromSignature, placeholderOf, prettyJson } from "./invoke-body";

describe("bodyFromSignature", () => {
  it("builds one dataframe_split row of named columns", () => {
    const body = bodyFromSignature([
      { name: "sepal length (cm)", type: "double", shape: null },
      { name: "kind", type: "string", shape: null },
      { name: "flag", type: "boolean", shape: null },
    ]);
    expect(JSON.parse(body ?? "null")).toEqual({
      dataframe_split: { columns: ["sepal length (cm)", "kind", "flag"], data: [[0, "", false]] },
    });
  });

  it("builds one tensor row from a tensor spec's shape", () => {
    const body = bodyFromSignature([{ name: null, type: "tensor<float32>", shape: "(-1, 3)" }]);
    expect(JSON.parse(body ?? "null")).toEqual({ inputs: [[0, 0, 0]] });
  });

  it("gives nothing without inputs", () => {
    expect(bodyFromSignature(null)).toBeNull();
    expect(bodyFromSignature([])).toBeNull();
  });

  it("has placeholders per MLflow type", () => {
    expect(placeholderOf("long")).toBe(0);
    expect(placeholderOf("array<double>")).toEqual([]);
    expect(placeholderOf("datetime")).toBe("1970-01-01T00:00:00");
  });
});

describe("prettyJson", () => {
  it("indents JSON and leaves other text alone", () => {
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson("a,b\n1,2")).toBe("a,b\n1,2");
  });
});
